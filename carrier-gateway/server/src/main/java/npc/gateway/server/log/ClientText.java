package npc.gateway.server.log;

/**
 * Text a carrier sent, made safe to log: printable ASCII kept, every other character (newlines, control characters,
 * anything outside ASCII) written as {@code \\uXXXX}, a backslash doubled, and at most {@link #MAX_CHARS} characters
 * of the original kept (then "..."). A carrier cannot forge a log line or fill the log with one field.
 */
public final class ClientText {
  public static final int MAX_CHARS = 64;

  private ClientText() {}

  public static String safe(String text) {
    if (text == null) {
      return "";
    }
    int keep = Math.min(text.length(), MAX_CHARS);
    StringBuilder out = new StringBuilder(keep + 8);
    for (int i = 0; i < keep; i++) {
      char c = text.charAt(i);
      if (c == '\\') {
        out.append("\\\\");
      } else if (c >= 0x20 && c < 0x7f) {
        out.append(c);
      } else {
        out.append(String.format("\\u%04x", (int) c));
      }
    }
    if (text.length() > keep) {
      out.append("...");
    }
    return out.toString();
  }
}
