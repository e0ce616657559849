package npc.core.porting;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import npc.core.carrier.CarrierId;
import npc.core.numbering.Msisdn;

/**
 * An eligibility query routed to a donor, and its answer once given: eligible, or ineligible with reasons of the
 * closed list and their evidence.
 */
public record EligibilityQuery(UUID id, Msisdn msisdn, CarrierId askedBy, CarrierId donor, Instant askedAt,
    Instant deadline, State state, Optional<Boolean> eligible, Map<String, Map<String, String>> reasons,
    List<String> warnings) {

  public enum State {
    PENDING,
    ANSWERED,
    /** The donor did not answer in time. */
    EXPIRED
  }

  public EligibilityQuery {
    reasons = Map.copyOf(reasons);
    warnings = List.copyOf(warnings);
  }
}
