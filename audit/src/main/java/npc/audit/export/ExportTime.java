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

  /** The characters of a time: {@code 2026-12-02T10:15:30.000Z}. */
  static final int LENGTH = 24;

  private ExportTime() {}

  static String format(Instant at) {
    return FORMAT.format(at);
  }

  static Instant parse(String text) {
    if (text.length() != LENGTH) {
      throw malformed(text);
    }
    return Instant.ofEpochMilli(millis(text.toCharArray(), 0));
  }

  /**
   * The milliseconds since the epoch of the time written at {@code chars[from, from + 24)}.
   *
   * @throws IllegalArgumentException if those characters are not a time in the export's one form
   */
  static long millis(char[] chars, int from) {
    // By hand: a verifier reads two times per entry, and a formatter's parse costs more than the entry's hash.
    if (chars[from + 4] != '-' || chars[from + 7] != '-' || chars[from + 10] != 'T' || chars[from + 13] != ':'
        || chars[from + 16] != ':' || chars[from + 19] != '.' || chars[from + 23] != 'Z') {
      throw malformed(new String(chars, from, LENGTH));
    }
    try {
      return LocalDateTime.of(digits(chars, from, 0, 4), digits(chars, from, 5, 7), digits(chars, from, 8, 10),
          digits(chars, from, 11, 13), digits(chars, from, 14, 16), digits(chars, from, 17, 19), 0)
          .toEpochSecond(ZoneOffset.UTC) * 1_000 + digits(chars, from, 20, 23);
    } catch (java.time.DateTimeException e) {
      throw new IllegalArgumentException(malformed(new String(chars, from, LENGTH)).getMessage(), e);
    }
  }

  private static IllegalArgumentException malformed(String text) {
    return new IllegalArgumentException("a time is written 2026-12-02T10:15:30.000Z, not \"" + text + "\"");
  }

  private static int digits(char[] chars, int base, int from, int to) {
    int value = 0;
    for (int i = base + from; i < base + to; i++) {
      char c = chars[i];
      if (c < '0' || c > '9') {
        throw malformed(new String(chars, base, LENGTH));
      }
      value = value * 10 + (c - '0');
    }
    return value;
  }
}
