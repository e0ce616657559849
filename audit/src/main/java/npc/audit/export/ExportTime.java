package npc.audit.export;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
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
    try {
      return LocalDateTime.parse(text, FORMAT).toInstant(ZoneOffset.UTC);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException("a time is written 2026-12-02T10:15:30.000Z, not \"" + text + "\"", e);
    }
  }
}
