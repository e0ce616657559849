package npc.core.porting;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import npc.core.carrier.CarrierId;
import npc.core.deadline.Deadline;
import npc.core.event.DomainEvent;
import npc.core.numbering.Msisdn;

/**
 * Eligibility queries (CN: CXXZ): routed to the number's donor, answered with reasons of the closed list, or expired
 * when the donor stays silent past the regime's deadline.
 */
final class Eligibility {
  private final PortingParts parts;
  private final ClosedList closedList;

  Eligibility(PortingParts parts, ClosedList closedList) {
    this.parts = parts;
    this.closedList = closedList;
  }

  Result<EligibilityQuery> query(CarrierId asker, String number) {
    Optional<Refused<EligibilityQuery>> refusal = Guards.participant(parts.regime(), asker);
    if (refusal.isPresent()) {
      return refusal.get();
    }
    Optional<Msisdn> msisdn = parts.parse(number);
    if (msisdn.isEmpty()) {
      return Result.refused(RefusalCode.INVALID_NUMBER, "not a mobile number of a known block: " + number);
    }
    NumberState state = parts.store().number(msisdn.get());
    Instant now = parts.now();
    EligibilityQuery query = new EligibilityQuery(UUID.randomUUID(), msisdn.get(), asker,
        parts.donorOf(msisdn.get(), state), now, now.plus(parts.regime().eligibilityAnswer()),
        EligibilityQuery.State.PENDING, Optional.empty(), Map.of(), List.of());
    parts.deadlines().add(new Deadline(query.deadline(), Deadline.Kind.ELIGIBILITY_ANSWER, query.id(),
        query.msisdn().toString()));
    parts.store().createQuery(query);
    parts.events().publish(new DomainEvent.EligibilityQueried(now, query));
    return Result.done(query);
  }

  Result<EligibilityQuery> answer(CarrierId donor, UUID queryId, Map<String, Map<String, String>> reasons,
      List<String> warnings) {
    Optional<EligibilityQuery> found = parts.store().query(queryId);
    if (found.isEmpty() || !found.get().donor().equals(donor)) {
      return Result.refused(RefusalCode.UNKNOWN_QUERY, "no eligibility query " + queryId + " for " + donor);
    }
    EligibilityQuery query = found.get();
    if (query.state() != EligibilityQuery.State.PENDING) {
      return Result.refused(query.state() == EligibilityQuery.State.EXPIRED ? RefusalCode.DEADLINE_PASSED
          : RefusalCode.NOT_ALLOWED_IN_STATE, "the query is " + query.state());
    }
    Instant now = parts.now();
    if (now.isAfter(query.deadline())) {
      return Result.refused(RefusalCode.DEADLINE_PASSED, "the answer was due at " + query.deadline());
    }
    Optional<Refused<EligibilityQuery>> badWarnings = Guards.warningProblem(warnings);
    if (badWarnings.isPresent()) {
      return badWarnings.get();
    }
    if (reasons.size() > parts.regime().reasons().size()) {
      return Result.refused(RefusalCode.INVALID_REQUEST, "more reasons than the closed list has");
    }
    NumberState state = parts.store().number(query.msisdn());
    for (Map.Entry<String, Map<String, String>> reason : reasons.entrySet()) {
      Optional<Refused<EligibilityQuery>> refusal = closedList.check(donor, Optional.empty(), query.msisdn(), state,
          SubscriberType.CORPORATE, reason.getKey(), reason.getValue(), now);
      if (refusal.isPresent()) {
        return refusal.get();
      }
    }
    EligibilityQuery answered = new EligibilityQuery(query.id(), query.msisdn(), query.askedBy(), query.donor(),
        query.askedAt(), query.deadline(), EligibilityQuery.State.ANSWERED, Optional.of(reasons.isEmpty()), reasons,
        warnings);
    if (!parts.store().closeQuery(query, answered, now)) {
      return Result.refused(RefusalCode.NOT_ALLOWED_IN_STATE, "the query was closed meanwhile");
    }
    parts.events().publish(new DomainEvent.EligibilityAnswered(now, answered));
    return Result.done(answered);
  }

  /** A query as its asker or donor may see it; other carriers see nothing. */
  Result<EligibilityQuery> read(CarrierId asker, UUID queryId) {
    Optional<EligibilityQuery> found = parts.store().query(queryId);
    if (found.isEmpty() || !(found.get().askedBy().equals(asker) || found.get().donor().equals(asker))) {
      return Result.refused(RefusalCode.UNKNOWN_QUERY, "no eligibility query " + queryId + " of " + asker);
    }
    return Result.done(found.get());
  }

  /** The donor was silent past the deadline: the query expires. */
  void onDeadline(Deadline deadline) {
    Optional<EligibilityQuery> found = parts.store().query(deadline.subject());
    Instant now = parts.now();
    if (found.isEmpty() || found.get().state() != EligibilityQuery.State.PENDING
        || now.isBefore(found.get().deadline())) {
      return;
    }
    EligibilityQuery query = found.get();
    EligibilityQuery expired = new EligibilityQuery(query.id(), query.msisdn(), query.askedBy(), query.donor(),
        query.askedAt(), query.deadline(), EligibilityQuery.State.EXPIRED, Optional.empty(), Map.of(), List.of());
    if (parts.store().closeQuery(query, expired, now)) {
      parts.events().publish(new DomainEvent.EligibilityExpired(now, expired));
    }
  }
}
