package npc.audit.export;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.ResolverStyle;

/**
 * Times in an export: UTC, always with milliseconds, {@code 2026-12-02T10:15:30.000Z}, so that each instant has
 * exactly one form. The canonical encoding holds its milliseconds since the epoch.
 */
final class ExportTime {
  private static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'")
      .withZone(ZoneOffset.UTC).withResolverStyle(ResolverStyle.STRICT);

  private ExportTime() {}

  static String format(Instant at) {
    return FORMAT.format(at);
  }

  static Instant parse(String text) {
    if (text.length() != 24) {
      throw new IllegalArgumentException("a time is written 2026-12-02T10:15:30.000Z, not \"" + text + "\"");
    }
    // By hand: a verifier reads two times per entry, and a formatter's parse costs more than the entry's hash.
    if (text.charAt(4) != '-' || text.charAt(7) != '-' || text.charAt(10) != 'T' || text.charAt(13) != ':'
        || text.charAt(16) != ':' || text.charAt(19) != '.' || text.charAt(23) != 'Z') {
      throw new IllegalArgumentException("a time is written 2026-12-02T10:15:30.000Z, not \"" + text + "\"");
    }
    try {
      return LocalDateTime.of(digits(text, 0, 4), digits(text, 5, 7), digits(text, 8, 10), digits(text, 11, 13),
          digits(text, 14, 16), digits(text, 17, 19), digits(text, 20, 23) * 1_000_000).toInstant(ZoneOffset.UTC);
    } catch (java.time.DateTimeException e) {
      throw new IllegalArgumentException("a time is written 2026-12-02T10:15:30.000Z, not \"" + text + "\"", e);
    }
  }

  private static int digits(String text, int from, int to) {
    int value = 0;
    for (int i = from; i < to; i++) {
      char c = text.charAt(i);
      if (c < '0' || c > '9') {
        throw new IllegalArgumentException("a time is written 2026-12-02T10:15:30.000Z, not \"" + text + "\"");
      }
      value = value * 10 + (c - '0');
    }
    return value;
  }
}
