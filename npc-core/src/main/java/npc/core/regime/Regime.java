package npc.core.regime;

import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import npc.core.carrier.CarrierRegistry;
import npc.core.numbering.NumberPlan;

/**
 * The rules of one country's number portability, read from a regime file ({@link RegimeLoader}).
 *
 * @param id                    short name: {@code cn}, {@code demo}, {@code in}
 * @param name                  what it is and where its rules come from
 * @param zone                  the time zone its calendar rules (activation, working days) use
 * @param numbers               the mobile number ranges
 * @param carriers              the carriers known at start
 * @param eligibilityAnswer     how long a donor has to answer an eligibility query
 * @param code                  the authorisation code's rules
 * @param donorAnswer           how long a donor has to answer a port; silence past it is deemed acceptance
 * @param activation            when an accepted port takes effect
 * @param routingAck            how long every carrier has to acknowledge a routing change
 * @param lockPeriod            how long after a port the number may not be ported again
 * @param reasons               the closed list of reasons a donor may reject for
 */
public record Regime(
    String id,
    String name,
    ZoneId zone,
    NumberPlan numbers,
    CarrierRegistry carriers,
    Duration eligibilityAnswer,
    CodeRules code,
    Duration donorAnswer,
    ActivationPolicy activation,
    Duration routingAck,
    Duration lockPeriod,
    List<RejectionReason> reasons) {

  public Regime {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(zone, "zone");
    Objects.requireNonNull(numbers, "numbers");
    Objects.requireNonNull(carriers, "carriers");
    Objects.requireNonNull(code, "code");
    Objects.requireNonNull(activation, "activation");
    for (Duration d : List.of(eligibilityAnswer, donorAnswer, routingAck, lockPeriod)) {
      if (d == null || d.isNegative() || d.isZero()) {
        throw new IllegalArgumentException("regime " + id + ": every timer must be positive");
      }
    }
    reasons = List.copyOf(reasons);
    if (reasons.stream().map(RejectionReason::code).distinct().count() != reasons.size()) {
      throw new IllegalArgumentException("regime " + id + ": a reason is listed twice");
    }
  }

  /** The reason with this code, if it is on the closed list. */
  public Optional<RejectionReason> reason(String code) {
    return reasons.stream().filter(r -> r.code().equals(code)).findFirst();
  }

  public Map<String, RejectionReason> reasonsByCode() {
    return reasons.stream().collect(Collectors.toUnmodifiableMap(RejectionReason::code, Function.identity()));
  }
}
