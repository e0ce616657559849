package npc.core.porting;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import npc.core.carrier.Carrier;
import npc.core.carrier.CarrierId;
import npc.core.deadline.Deadline;
import npc.core.event.DomainEvent;
import npc.core.numbering.Msisdn;
import npc.core.numbering.NumberRange;

/**
 * Eligibility queries (CN: CXXZ): routed to the number's donor, answered with reasons of the closed list, or expired
 * when the donor stays silent past the regime's deadline. A query for a number of a non-portable block, or for a
 * number the asker serves itself, is refused: no donor could answer it, or the asker is the donor.
 */
final class Eligibility {
  private final PortingParts parts;
  private final ClosedList closedList;
  private final Refusals refusals;

  Eligibility(PortingParts parts, ClosedList closedList) {
    this.parts = parts;
    this.closedList = closedList;
    this.refusals = new Refusals(parts);
  }

  /** Checks a query, then records it (the subscriber digested and sealed) and routes it to the number's donor. */
  Result<EligibilityQuery> query(QueryEligibility command) {
    Optional<Refused<EligibilityQuery>> refusal = Guards.participant(parts.regime(), command.asker());
    if (refusal.isPresent()) {
      return refusal.get();
    }
    Optional<Msisdn> msisdn = parts.parse(command.number());
    if (msisdn.isEmpty()) {
      return Result.refused(RefusalCode.INVALID_NUMBER, "not a mobile number of a known block: " + command.number());
    }
    NumberRange range = parts.regime().numbers().rangeOf(msisdn.get()).orElseThrow();
    if (!range.portable() || !parts.regime().carriers().find(range.holder()).map(Carrier::participant).orElse(false)) {
      return Result.refused(RefusalCode.NOT_ELIGIBLE, notPortable(msisdn.get(), range));
    }
    NumberState state = parts.store().number(msisdn.get());
    CarrierId donor = parts.donorOf(msisdn.get(), state);
    if (donor.equals(command.asker())) {
      return Result.refused(RefusalCode.RECIPIENT_ALREADY_SERVES, command.asker() + " already serves "
          + msisdn.get() + ": a carrier answers for its own numbers, and asks no one");
    }
    Instant now = parts.now();
    EligibilityQuery query = EligibilityQuery.pending(UUID.randomUUID(), msisdn.get(), command.asker(), donor, now,
        now.plus(parts.regime().eligibilityAnswer()), command.subscriberType());
    parts.deadlines().add(new Deadline(query.deadline(), Deadline.Kind.ELIGIBILITY_ANSWER, query.id(),
        query.msisdn().toString()));
    parts.store().createQuery(query, parts.identities().digest(command.subscriber()),
        parts.identities().seal().seal(command.subscriber(), query.id()));
    parts.events().publish(new DomainEvent.EligibilityQueried(now, query));
    return Result.done(query);
  }

  /** Why a number of this block is not portable: the block's rule, or a holder that takes no part in porting. */
  private String notPortable(Msisdn msisdn, NumberRange range) {
    String kind = range.note().isBlank() ? "" : " (" + range.note() + ")";
    return range.portable()
        ? msisdn + " belongs to a block" + kind + " of " + range.holder() + ", which takes no part in porting and "
            + "can never answer: the block is not portable"
        : msisdn + " belongs to a block" + kind + " that is not portable; no donor is asked";
  }

  /** The donor's answer, each reason checked against the closed list for the query's subscriber type. */
  Result<EligibilityQuery> answer(CarrierId donor, UUID queryId, Map<String, Map<String, String>> reasons,
      List<String> warnings, Instant receivedAt) {
    Optional<EligibilityQuery> found = parts.store().query(queryId);
    if (found.isEmpty() || !found.get().donor().equals(donor)) {
      found.ifPresent(q -> refusals.notAParty(donor, q.id(), q.msisdn(), RefusalCode.UNKNOWN_QUERY, q.deadline()));
      return Result.refused(RefusalCode.UNKNOWN_QUERY, "no eligibility query " + queryId + " for " + donor);
    }
    EligibilityQuery query = found.get();
    if (query.state() == EligibilityQuery.State.EXPIRED) {
      refusals.afterDeadline(donor, query.id(), query.msisdn(), query.deadline());
    }
    if (query.state() != EligibilityQuery.State.PENDING) {
      return Result.refused(query.state() == EligibilityQuery.State.EXPIRED ? RefusalCode.DEADLINE_PASSED
          : RefusalCode.NOT_ALLOWED_IN_STATE, "the query is " + query.state());
    }
    Instant now = parts.now();
    if (PortingParts.earliest(receivedAt, now).isAfter(query.deadline())) {
      refusals.afterDeadline(donor, query.id(), query.msisdn(), query.deadline());
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
      Optional<Refused<EligibilityQuery>> refusal = closedList.check(donor, query.id(), Optional.empty(), query.msisdn(), state,
          query.subscriberType(), reason.getKey(), reason.getValue(), now);
      if (refusal.isPresent()) {
        return refusal.get();
      }
    }
    EligibilityQuery answered = query.answered(reasons, warnings);
    if (!parts.store().closeQuery(query, answered, now)) {
      return Result.refused(RefusalCode.NOT_ALLOWED_IN_STATE, "the query was closed meanwhile");
    }
    parts.events().publish(new DomainEvent.EligibilityAnswered(now, answered));
    return Result.done(answered);
  }

  /**
   * A query as its asker or donor may see it; other carriers see nothing. The donor sees its whole answer, and while
   * the query is pending the subscriber it names, to answer against its own records; the asker sees the reasons'
   * codes and only the evidence the regime marks shareable ({@link SharedEvidence}).
   */
  Result<EligibilityQuery> read(CarrierId carrier, UUID queryId) {
    Optional<EligibilityQuery> found = parts.store().query(queryId);
    if (found.isEmpty() || !(found.get().askedBy().equals(carrier) || found.get().donor().equals(carrier))) {
      return Result.refused(RefusalCode.UNKNOWN_QUERY, "no eligibility query " + queryId + " of " + carrier);
    }
    EligibilityQuery query = found.get();
    return Result.done(carrier.equals(query.donor()) ? donorView(query)
        : SharedEvidence.forAsker(parts.regime(), query));
  }

  /** The query with the subscriber it names while it is pending; as it is once closed (the close cleared it). */
  private EligibilityQuery donorView(EligibilityQuery query) {
    if (query.state() != EligibilityQuery.State.PENDING) {
      return query;
    }
    Optional<byte[]> sealed = parts.store().sealedSubscriber(query.id());
    if (sealed.isEmpty()) { // closed since it was read, or asked before queries named their subscriber
      return parts.store().query(query.id()).orElseThrow();
    }
    return query.showing(parts.identities().seal().open(sealed.get(), query.id()).orElseThrow(() ->
        new IllegalStateException("the sealed subscriber of eligibility query " + query.id() + " does not open: "
            + "changed, or sealed under another identity key")));
  }

  /** The donor was silent past the deadline: the query expires. */
  void onDeadline(Deadline deadline) {
    Optional<EligibilityQuery> found = parts.store().query(deadline.subject());
    Instant now = parts.now();
    if (found.isEmpty() || found.get().state() != EligibilityQuery.State.PENDING
        || now.isBefore(found.get().deadline()) || parts.answerWaits(deadline, found.get().deadline())) {
      return;
    }
    EligibilityQuery query = found.get();
    EligibilityQuery expired = query.expired();
    if (parts.store().closeQuery(query, expired, now)) {
      parts.events().publish(new DomainEvent.EligibilityExpired(now, expired));
    }
  }
}
