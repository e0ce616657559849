package npc.ops.query;

import io.micronaut.core.annotation.Nullable;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.EnumSet;
import java.util.Set;
import java.util.UUID;
import npc.core.carrier.CarrierId;
import npc.core.numbering.Msisdn;
import npc.core.port.PortState;
import npc.core.regime.Regime;
import npc.ops.api.ApiException;
import npc.ops.security.Caller;

/**
 * The query parameters of the regulator's reads, each checked into its type or refused 400 naming the field, before
 * anything is read. A carrier's token may name only its own carrier: another one is answered 404 as if it did not
 * exist, so that a carrier learns nothing of the others.
 */
final class QueryInput {
  /** The period asked when none is given: the last day. */
  static final Duration DEFAULT_PERIOD = Duration.ofDays(1);

  private QueryInput() {}

  static Msisdn number(Regime regime, String field, String text) {
    return regime.numbers().parse(text).orElseThrow(() -> ApiException.invalid(field,
        "must be a number of regime " + regime.id() + "'s plan in E.164 form such as +8613800138000, not " + text));
  }

  static UUID uuid(String field, String text) {
    try {
      return UUID.fromString(text);
    } catch (IllegalArgumentException e) {
      throw ApiException.invalid(field, "must be a UUID, not " + text);
    }
  }

  /** The carrier {@code text} names in the regime, as {@code caller} may see it. */
  static CarrierId carrier(Regime regime, Caller caller, String field, String text) {
    CarrierId id;
    try {
      id = new CarrierId(text);
    } catch (IllegalArgumentException e) {
      throw ApiException.invalid(field, "must be a carrier id such as CM: " + e.getMessage());
    }
    if (regime.carriers().find(id).isEmpty() || !caller.maySee(id.value())) {
      throw ApiException.notFound("carrier " + text + " in regime " + regime.id());
    }
    return id;
  }

  /** The states a comma-separated list names; all when absent. */
  static Set<PortState> states(@Nullable String text) {
    Set<PortState> states = EnumSet.noneOf(PortState.class);
    if (text == null || text.isBlank()) {
      return states;
    }
    for (String name : text.split(",")) {
      try {
        states.add(PortState.valueOf(name.strip()));
      } catch (IllegalArgumentException e) {
        throw ApiException.invalid("state", "must be states among " + EnumSet.allOf(PortState.class)
            + " separated by commas, not " + name);
      }
    }
    return states;
  }

  /** {@code [from, to)}: the last day up to now when both are absent, one day before {@code to} when only it. */
  static Period period(@Nullable String from, @Nullable String to, Instant now) {
    Instant end = to == null ? now : instant("to", to);
    Instant start = from == null ? end.minus(DEFAULT_PERIOD) : instant("from", from);
    if (!start.isBefore(end)) {
      throw ApiException.invalid("from", "must be before to (" + start + " is not before " + end + ")");
    }
    return new Period(start, end);
  }

  /** A checked period: {@code from} before {@code to}. */
  record Period(Instant from, Instant to) {}

  static Instant instant(String field, String value) {
    try {
      return Instant.parse(value);
    } catch (DateTimeParseException e) {
      throw ApiException.invalid(field, "must be an ISO-8601 UTC instant such as 2026-12-01T00:00:00Z, not " + value);
    }
  }
}
