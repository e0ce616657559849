package npc.ops.api;

import java.time.Instant;
import java.time.format.DateTimeParseException;

/** Instants given to the API (query values, body fields): ISO-8601 UTC, or a 400 naming the field. */
public final class Instants {
  private Instants() {}

  public static Instant parse(String field, String value) {
    try {
      return Instant.parse(value);
    } catch (DateTimeParseException e) {
      throw ApiException.invalid(field, "must be an ISO-8601 UTC instant such as 2026-12-01T00:00:00Z, not " + value);
    }
  }
}
