package npc.core.porting;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import npc.core.carrier.CarrierId;
import npc.core.identity.SubscriberIdentity;
import npc.core.numbering.Msisdn;

/**
 * An eligibility query routed to a donor, and its answer once given: eligible, or ineligible with reasons of the
 * closed list and their evidence.
 *
 * @param subscriberType who the query is for: the donor's reasons are checked against the closed list for it
 * @param subscriber     the identity the query names, in clear: present only in the donor's view of a pending query
 *     (the clearinghouse keeps it sealed, and only until the query closes); empty in every other view and event
 */
public record EligibilityQuery(UUID id, Msisdn msisdn, CarrierId askedBy, CarrierId donor, Instant askedAt,
    Instant deadline, State state, Optional<Boolean> eligible, Map<String, Map<String, String>> reasons,
    List<String> warnings, SubscriberType subscriberType, Optional<SubscriberIdentity> subscriber) {

  public enum State {
    PENDING,
    ANSWERED,
    /** The donor did not answer in time. */
    EXPIRED
  }

  public EligibilityQuery {
    Objects.requireNonNull(subscriberType, "subscriberType");
    Objects.requireNonNull(subscriber, "subscriber");
    reasons = Map.copyOf(reasons);
    warnings = List.copyOf(warnings);
  }

  /** A new query, waiting for its donor. */
  static EligibilityQuery pending(UUID id, Msisdn msisdn, CarrierId askedBy, CarrierId donor, Instant askedAt,
      Instant deadline, SubscriberType subscriberType) {
    return new EligibilityQuery(id, msisdn, askedBy, donor, askedAt, deadline, State.PENDING, Optional.empty(),
        Map.of(), List.of(), subscriberType, Optional.empty());
  }

  /** This query answered: eligible when there is no reason. */
  EligibilityQuery answered(Map<String, Map<String, String>> reasons, List<String> warnings) {
    return new EligibilityQuery(id, msisdn, askedBy, donor, askedAt, deadline, State.ANSWERED,
        Optional.of(reasons.isEmpty()), reasons, warnings, subscriberType, Optional.empty());
  }

  /** This query, its donor silent past the deadline. */
  EligibilityQuery expired() {
    return new EligibilityQuery(id, msisdn, askedBy, donor, askedAt, deadline, State.EXPIRED, Optional.empty(),
        Map.of(), List.of(), subscriberType, Optional.empty());
  }

  /** This query with other reasons: what another carrier may see of the same answer. */
  EligibilityQuery withReasons(Map<String, Map<String, String>> shown) {
    return new EligibilityQuery(id, msisdn, askedBy, donor, askedAt, deadline, state, eligible, shown, warnings,
        subscriberType, subscriber);
  }

  /** This query as its donor sees it while it is pending: with the subscriber it names. */
  EligibilityQuery showing(SubscriberIdentity identity) {
    return new EligibilityQuery(id, msisdn, askedBy, donor, askedAt, deadline, state, eligible, reasons, warnings,
        subscriberType, Optional.of(identity));
  }
}
