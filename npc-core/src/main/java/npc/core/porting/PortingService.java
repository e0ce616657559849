package npc.core.porting;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import npc.core.authcode.AuthorisationCodes;
import npc.core.carrier.Carrier;
import npc.core.carrier.CarrierId;
import npc.core.deadline.Deadline;
import npc.core.deadline.DeadlineStore;
import npc.core.event.DomainEvent;
import npc.core.event.DomainEvents;
import npc.core.identity.IdentityDigester;
import npc.core.identity.SubscriberIdentity;
import npc.core.numbering.Msisdn;
import npc.core.numbering.NumberRange;
import npc.core.port.PortEvent;
import npc.core.port.PortLifecycle;
import npc.core.port.PortState;
import npc.core.regime.EvidenceCheck;
import npc.core.regime.Regime;
import npc.core.regime.RejectionReason;
import npc.core.routing.RouteChange;
import npc.core.routing.RoutingLog;

/**
 * The application service: every command a carrier, an operator or a deadline can give the core. Each command
 * checks its input first (a refusal writes nothing), then makes its change with conditional writes, then publishes
 * what happened. Safe to call from many threads and from many instances on one keyspace.
 */
public final class PortingService {
  static final String ACK = "ACK";
  static final String DEACTIVATED = "DEACTIVATED";
  private static final int MAX_TEXT = 64;
  private static final int MAX_WARNINGS = 20;
  private static final int MAX_RETRIES = 3;
  private static final int PORTS_REMEMBERED = 10_000;
  /** A route change not published by the instance that activated the port is published by any other after this. */
  private static final Duration PUBLISH_REPAIR_DELAY = Duration.ofSeconds(30);

  private final Regime regime;
  private final PortStore store;
  private final DeadlineStore deadlines;
  private final RoutingLog routing;
  private final DomainEvents events;
  private final IdentityDigester identities;
  private final AuthorisationCodes codes;
  private final ClearinghouseChecks checks;
  private final Clock clock;
  private final DeadlineFiring firing;
  /**
   * Ports as this instance last wrote them, until they end. A port's state only moves forward, so a command that
   * needs a port in state S and finds it here in S may take it instead of reading it: it is what a read a moment
   * earlier would have returned, and the command's conditional write checks that the port is still in S (when it
   * is not, the command reads the port and answers from what it finds, as after any race).
   */
  private final Map<UUID, Port> recent = remembered();
  /**
   * The number's route version as this instance saw it when the port opened. While a port is open only its own
   * activation moves the route, or the reversal of an earlier port of the number, which the activation's
   * conditional write catches; so the activation needs no read of the number.
   */
  private final Map<UUID, Long> routeVersions = remembered();
  /**
   * Numbers as this instance left them when it issued their code, for the submission that follows. A submission
   * that takes a number from here checks against it as against a read: the conditional write that opens the port
   * applies only if the number is still so (open port, code, last port, route version); a submission this state
   * would refuse or reject reads the number first, so that no stale view becomes an answer.
   */
  private final Map<Msisdn, NumberState> issued = remembered();
  /**
   * The facts (acknowledgements, deactivation) this instance recorded or read, by port, for the ports in
   * {@link #recent}: when they alone complete a port, its facts need not be read.
   */
  private final Map<UUID, Map<String, Set<CarrierId>>> knownFacts = remembered();
  /**
   * Ports for which this instance recorded a fact without seeing them complete: the other facts may have been
   * recorded by other instances, so their facts are read once at the next round of {@link #fireDueDeadlines}.
   */
  private final Set<UUID> completionChecks = ConcurrentHashMap.newKeySet();

  public PortingService(Regime regime, PortStore store, DeadlineStore deadlines, RoutingLog routing,
      DomainEvents events, IdentityDigester identities, Clock clock, SecureRandom random) {
    this.regime = regime;
    this.store = store;
    this.deadlines = deadlines;
    this.routing = routing;
    this.events = events;
    this.identities = identities;
    this.codes = new AuthorisationCodes(regime.code(), random);
    this.checks = new ClearinghouseChecks(regime, codes);
    this.clock = clock;
    this.firing = new DeadlineFiring(deadlines, clock, this::onDeadline);
  }

  public Regime regime() {
    return regime;
  }

  // ---------------------------------------------------------------------------------------------- eligibility

  /** Routes an eligibility query to the number's donor, who answers within the regime's deadline. */
  public Result<EligibilityQuery> queryEligibility(CarrierId asker, String number) {
    Optional<Refused<EligibilityQuery>> refusal = participant(asker);
    if (refusal.isPresent()) {
      return refusal.get();
    }
    Optional<Msisdn> msisdn = regime.numbers().parse(number);
    if (msisdn.isEmpty()) {
      return Result.refused(RefusalCode.INVALID_NUMBER, "not a mobile number of a known block: " + number);
    }
    NumberState state = store.number(msisdn.get());
    Instant now = clock.instant();
    EligibilityQuery query = new EligibilityQuery(UUID.randomUUID(), msisdn.get(), asker,
        donorOf(msisdn.get(), state), now, now.plus(regime.eligibilityAnswer()), EligibilityQuery.State.PENDING,
        Optional.empty(), Map.of(), List.of());
    deadlines.add(new Deadline(query.deadline(), Deadline.Kind.ELIGIBILITY_ANSWER, query.id(),
        query.msisdn().toString()));
    store.createQuery(query);
    events.publish(new DomainEvent.EligibilityQueried(now, query));
    return Result.done(query);
  }

  /**
   * The donor's answer to an eligibility query: eligible (no reasons), or ineligible with reasons of the closed
   * list and their evidence. Warnings never make a number ineligible.
   */
  public Result<EligibilityQuery> answerEligibility(CarrierId donor, UUID queryId,
      Map<String, Map<String, String>> reasons, List<String> warnings) {
    Optional<EligibilityQuery> found = store.query(queryId);
    if (found.isEmpty()) {
      return Result.refused(RefusalCode.UNKNOWN_QUERY, "no eligibility query " + queryId);
    }
    EligibilityQuery query = found.get();
    if (!query.donor().equals(donor)) {
      return Result.refused(RefusalCode.NOT_THE_DONOR, donor + " is not the donor asked about " + query.msisdn());
    }
    if (query.state() != EligibilityQuery.State.PENDING) {
      return Result.refused(RefusalCode.NOT_ALLOWED_IN_STATE, "the query is " + query.state());
    }
    Instant now = clock.instant();
    if (now.isAfter(query.deadline())) {
      return Result.refused(RefusalCode.DEADLINE_PASSED, "the answer was due at " + query.deadline());
    }
    Optional<String> badWarnings = warningProblem(warnings);
    if (badWarnings.isPresent()) {
      return Result.refused(RefusalCode.INVALID_REQUEST, badWarnings.get());
    }
    if (reasons.size() > regime.reasons().size()) {
      return Result.refused(RefusalCode.INVALID_REQUEST, "more reasons than the closed list has");
    }
    NumberState state = store.number(query.msisdn());
    for (Map.Entry<String, Map<String, String>> reason : reasons.entrySet()) {
      Optional<Refused<EligibilityQuery>> refusal = checkReason(donor, Optional.empty(), query.msisdn(), state,
          SubscriberType.CORPORATE, reason.getKey(), reason.getValue(), now);
      if (refusal.isPresent()) {
        return refusal.get();
      }
    }
    EligibilityQuery answered = new EligibilityQuery(query.id(), query.msisdn(), query.askedBy(), query.donor(),
        query.askedAt(), query.deadline(), EligibilityQuery.State.ANSWERED, Optional.of(reasons.isEmpty()), reasons,
        warnings);
    if (!store.closeQuery(query, answered, now)) {
      return Result.refused(RefusalCode.NOT_ALLOWED_IN_STATE, "the query was closed meanwhile");
    }
    events.publish(new DomainEvent.EligibilityAnswered(now, answered));
    return Result.done(answered);
  }

  // --------------------------------------------------------------------------------------- authorisation code

  /**
   * Issues an authorisation code at the donor's request for its subscriber. The clearinghouse generates it and
   * keeps only its salted hash, bound to the number and the subscriber; a new code replaces an unused old one.
   */
  public Result<IssuedCode> issueCode(CarrierId donor, String number, SubscriberIdentity subscriber) {
    Optional<Refused<IssuedCode>> refusal = participant(donor);
    if (refusal.isPresent()) {
      return refusal.get();
    }
    Optional<Msisdn> parsed = regime.numbers().parse(number);
    if (parsed.isEmpty()) {
      return Result.refused(RefusalCode.INVALID_NUMBER, "not a mobile number of a known block: " + number);
    }
    Msisdn msisdn = parsed.get();
    NumberRange range = regime.numbers().rangeOf(msisdn).orElseThrow();
    Instant now = clock.instant();
    for (int attempt = 0; attempt < MAX_RETRIES; attempt++) {
      NumberState state = store.number(msisdn);
      if (!donorOf(msisdn, state).equals(donor)) {
        return Result.refused(RefusalCode.NOT_THE_DONOR, donor + " does not serve " + msisdn);
      }
      if (state.openPort().isPresent()) {
        return Result.refused(RefusalCode.NUMBER_HAS_OPEN_PORT, msisdn + " has an open port");
      }
      if (regime.code().onlyWhenEligible()) {
        Optional<RejectionCode> ineligible = checks.eligibility(range, state, Optional.empty(), now);
        if (ineligible.isPresent()) {
          return Result.refused(RefusalCode.NOT_ELIGIBLE, "codes are issued only for eligible numbers; "
              + msisdn + ": " + ineligible.get());
        }
      }
      String code = codes.newCode();
      byte[] salt = codes.newSalt();
      byte[] hash = AuthorisationCodes.hash(salt, msisdn.toString(), identities.digest(subscriber), code);
      Instant expires = now.plus(regime.code().lifetime());
      deadlines.add(new Deadline(expires, Deadline.Kind.CODE_EXPIRY, UUID.nameUUIDFromBytes(hash),
          msisdn.toString()));
      NumberState.StoredCode stored = new NumberState.StoredCode(hash, salt, now, expires, Optional.empty());
      if (store.storeCode(msisdn, stored, state)) {
        issued.put(msisdn, new NumberState(state.openPort(), state.servingCarrier(), state.routeVersion(),
            state.lastPortedAt(), Optional.of(stored)));
        events.publish(new DomainEvent.CodeIssued(now, msisdn, donor, expires));
        return Result.done(new IssuedCode(msisdn, code, expires));
      }
    }
    return Result.refused(RefusalCode.NUMBER_HAS_OPEN_PORT, "the number changed while the code was issued; ask again");
  }

  // ------------------------------------------------------------------------------------------------- ports

  /**
   * A recipient's port-in request. Input that cannot be a port is refused with nothing written; a port that fails
   * the clearinghouse's checks is rejected (and the rejection kept for retries); otherwise the port opens and
   * waits for its donor. A retry with the same idempotency key gets the first answer.
   */
  public Result<PortOutcome> submit(SubmitPort command) {
    Optional<Refused<PortOutcome>> refusal = participant(command.recipient());
    if (refusal.isEmpty()) {
      refusal = PortingService.<PortOutcome>textProblem("idempotency key", command.idempotencyKey(),
              "[A-Za-z0-9._:-]{1,64}")
          .or(() -> textProblem("order id", command.orderId(), "[A-Za-z0-9._:-]{1,64}"))
          .or(() -> textProblem("channel", command.channel(), "[A-Za-z0-9._:/-]{1,64}"))
          .or(() -> textProblem("authorisation code", command.code(), "\\S{1,32}"));
    }
    if (refusal.isPresent()) {
      return refusal.get();
    }
    Optional<Msisdn> parsed = regime.numbers().parse(command.number());
    if (parsed.isEmpty()) {
      return Result.refused(RefusalCode.INVALID_NUMBER, "not a mobile number of a known block: "
          + command.number());
    }
    Msisdn msisdn = parsed.get();
    NumberRange range = regime.numbers().rangeOf(msisdn).orElseThrow();
    NumberState remembered = issued.remove(msisdn);
    NumberState state = remembered != null && !donorOf(msisdn, remembered).equals(command.recipient()) ? remembered
        : store.number(msisdn);
    boolean fresh = state != remembered;
    CarrierId donor = donorOf(msisdn, state);
    if (donor.equals(command.recipient())) {
      return Result.refused(RefusalCode.RECIPIENT_ALREADY_SERVES, command.recipient() + " already serves " + msisdn);
    }
    byte[] digest = identities.digest(command.subscriber());
    UUID portId = portIdFor(command.recipient(), command.idempotencyKey());
    byte[] requestHash = requestHash(command, msisdn, digest);
    Instant now = clock.instant();

    PortStore.RequestClaim claim = store.claimRequest(command.recipient(), command.idempotencyKey(), requestHash,
        portId, now);
    if (claim instanceof PortStore.RequestClaim.Existing existing) {
      if (!MessageDigest.isEqual(existing.requestHash(), requestHash)) {
        return Result.refused(RefusalCode.IDEMPOTENCY_KEY_REUSED, "idempotency key " + command.idempotencyKey()
            + " was used for another request");
      }
      Optional<PortOutcome> first = firstOutcome(portId);
      if (first.isPresent()) {
        republishIfWaiting(first.get(), now);
        return Result.done(first.get());
      }
      // The first attempt stopped before deciding (a crash, a timeout): decide now, under the same port id.
    }

    for (int attempt = 0; attempt < MAX_RETRIES; attempt++) {
      if (state.openPort().equals(Optional.of(portId))) {
        PortOutcome first = firstOutcome(portId).orElseThrow();
        republishIfWaiting(first, now);
        return Result.done(first);
      }
      Optional<PortOutcome.RejectedByClearinghouse> rejection = checks.failure(portId, msisdn, range, state, digest,
          command.code(), now);
      if (rejection.isPresent() && !fresh) {
        state = store.number(msisdn);
        fresh = true;
        attempt--; // a read, not a conflict
        continue;
      }
      if (rejection.isPresent()) {
        store.recordRejection(rejection.get(), now);
        events.publish(new DomainEvent.PortRejectedByClearinghouse(now, portId, msisdn, command.recipient(),
            rejection.get().code(), rejection.get().detail()));
        return Result.done(rejection.get());
      }
      Port port = new Port(portId, msisdn, command.orderId(), command.channel(), command.recipient(),
          donorOf(msisdn, state), command.subscriberType(),
          PortLifecycle.next(PortState.SUBMITTED, PortEvent.CHECKS_PASSED).orElseThrow(), now,
          now.plus(regime.donorAnswer()), Optional.empty(), Optional.empty(), Map.of(), List.of(), Optional.empty(),
          Optional.empty(), Set.of(), Optional.empty(), Set.of());
      deadlines.add(new Deadline(port.donorDeadline(), Deadline.Kind.DONOR_ANSWER, portId, msisdn.toString()));
      Optional<NumberState> conflict = store.openPort(port, digest, command.idempotencyKey(), state);
      if (conflict.isEmpty()) {
        wrote(port);
        routeVersions.put(portId, state.routeVersion());
        events.publish(new DomainEvent.PortOpened(now, port));
        return Result.done(new PortOutcome.Opened(port));
      }
      state = conflict.get(); // another request changed the number first: check again against what it did
      fresh = true;
    }
    throw new IllegalStateException("port " + portId + " kept conflicting with other requests for " + msisdn);
  }

  /**
   * The donor's answer to a port. Only the donor answers, only while the port waits for it, only before the
   * deadline, only with a reason of the closed list and evidence that holds together.
   */
  public Result<Port> answer(DonorAnswer answer) {
    Optional<Port> found = portIn(answer.portId(), PortState.PENDING_DONOR);
    if (found.isEmpty()) {
      return Result.refused(RefusalCode.UNKNOWN_PORT, "no port " + answer.portId());
    }
    Port port = found.get();
    if (!port.donor().equals(answer.donor())) {
      return Result.refused(RefusalCode.NOT_THE_DONOR, answer.donor() + " is not the donor of this port");
    }
    PortEvent event = answer instanceof DonorAnswer.Accept ? PortEvent.DONOR_ACCEPTS : PortEvent.DONOR_REJECTS;
    Optional<Refused<Port>> moveRefusal = refusal(PortLifecycle.apply(port.state(), event));
    if (moveRefusal.isPresent()) {
      return moveRefusal.get();
    }
    Instant now = clock.instant();
    if (now.isAfter(port.donorDeadline())) {
      return Result.refused(RefusalCode.DEADLINE_PASSED, "the answer was due at " + port.donorDeadline()
          + "; silence is deemed acceptance");
    }
    Optional<String> badWarnings = warningProblem(answer.warnings());
    if (badWarnings.isPresent()) {
      return Result.refused(RefusalCode.INVALID_REQUEST, badWarnings.get());
    }
    if (answer instanceof DonorAnswer.Reject reject) {
      Optional<Refused<Port>> reasonRefusal = checkReason(reject.donor(), Optional.of(port.id()), port.msisdn(),
          store.number(port.msisdn()), port.subscriberType(), reject.reason(), reject.evidence(), now);
      if (reasonRefusal.isPresent()) {
        return reasonRefusal.get();
      }
      Port rejected = port.answered(PortState.REJECTED_BY_DONOR, now, Optional.of(reject.reason()),
          reject.evidence(), reject.warnings()).ended(PortState.REJECTED_BY_DONOR, now, Set.of());
      if (!store.transition(port, rejected)) {
        return refusedAfterRace(port.id(), event);
      }
      wrote(rejected);
      events.publish(new DomainEvent.DonorAnswered(now, rejected, false));
      events.publish(new DomainEvent.PortEnded(now, rejected));
      return Result.done(rejected);
    }
    Instant activation = regime.activation().activationTime(now);
    deadlines.add(new Deadline(activation, Deadline.Kind.ACTIVATION, port.id(), port.msisdn().toString()));
    Port accepted = port.answered(PortState.ACCEPTED, now, Optional.empty(), Map.of(), answer.warnings());
    if (!store.transition(port, accepted)) {
      return refusedAfterRace(port.id(), event);
    }
    wrote(accepted);
    events.publish(new DomainEvent.DonorAnswered(now, accepted, false));
    if (!answer.warnings().isEmpty()) {
      events.publish(new DomainEvent.WarningsGiven(now, port.id(), answer.donor(), answer.warnings()));
    }
    return Result.done(schedule(accepted, activation, now));
  }

  /** The subscriber cancels through the recipient, before activation. */
  public Result<Port> cancel(CarrierId recipient, UUID portId) {
    Optional<Port> found = store.port(portId);
    if (found.isEmpty()) {
      return Result.refused(RefusalCode.UNKNOWN_PORT, "no port " + portId);
    }
    Port port = found.get();
    if (!port.recipient().equals(recipient)) {
      return Result.refused(RefusalCode.NOT_THE_RECIPIENT, recipient + " did not submit this port");
    }
    for (int attempt = 0; attempt < MAX_RETRIES; attempt++) {
      Optional<Refused<Port>> moveRefusal = refusal(PortLifecycle.apply(port.state(), PortEvent.CANCEL));
      if (moveRefusal.isPresent()) {
        return moveRefusal.get();
      }
      Instant now = clock.instant();
      Port cancelled = port.ended(PortState.CANCELLED, now, Set.of());
      if (store.transition(port, cancelled)) {
        wrote(cancelled);
        events.publish(new DomainEvent.PortEnded(now, cancelled));
        return Result.done(cancelled);
      }
      port = store.port(portId).orElseThrow();
    }
    return Result.refused(RefusalCode.NOT_ALLOWED_IN_STATE, "the port kept changing; ask again");
  }

  /**
   * A carrier acknowledges that its network routes the number of an activated port to its new carrier. Returns the
   * port as this instance last saw it, or as the acknowledgement completed it.
   */
  public Result<Port> acknowledgeRoute(CarrierId carrier, UUID portId) {
    return recordFact(carrier, portId, ACK);
  }

  /**
   * The donor confirms it has deactivated the subscriber on its network. Returns the port as this instance last saw
   * it, or as the confirmation completed it.
   */
  public Result<Port> confirmDeactivation(CarrierId donor, UUID portId) {
    return recordFact(donor, portId, DEACTIVATED);
  }

  /** A regulator-approved reversal of an unauthorised port: the route goes back to the donor. */
  public Result<Port> reverse(UUID portId, String approvalReference) {
    Optional<Refused<Port>> bad = textProblem("approval reference", approvalReference, "[A-Za-z0-9._:/-]{1,64}");
    if (bad.isPresent()) {
      return bad.get();
    }
    Optional<Port> found = store.port(portId);
    if (found.isEmpty()) {
      return Result.refused(RefusalCode.UNKNOWN_PORT, "no port " + portId);
    }
    Port port = found.get();
    Optional<Refused<Port>> moveRefusal = refusal(PortLifecycle.apply(port.state(), PortEvent.REVERSE));
    if (moveRefusal.isPresent()) {
      return moveRefusal.get();
    }
    NumberState state = store.number(port.msisdn());
    if (!state.servingCarrier().equals(Optional.of(port.recipient()))) {
      return Result.refused(RefusalCode.NOT_ALLOWED_IN_STATE, port.msisdn() + " is no longer served by "
          + port.recipient());
    }
    Instant now = clock.instant();
    Port reversed = port.ended(PortState.REVERSED, now, port.laggards());
    if (!store.reverse(port, reversed, state.routeVersion())) {
      return Result.refused(RefusalCode.NOT_ALLOWED_IN_STATE, "the port or its number changed meanwhile; ask again");
    }
    wrote(reversed);
    events.publish(new DomainEvent.PortEnded(now, reversed));
    publishRoute(reversed, Optional.of(port.donor()), state.routeVersion() + 1, now);
    return Result.done(reversed);
  }

  /** The serving carrier gives a ported number back to its range holder (its subscriber left). */
  public Result<RouteChange> returnNumber(CarrierId carrier, String number) {
    Optional<Msisdn> parsed = regime.numbers().parse(number);
    if (parsed.isEmpty()) {
      return Result.refused(RefusalCode.INVALID_NUMBER, "not a mobile number of a known block: " + number);
    }
    Msisdn msisdn = parsed.get();
    NumberState state = store.number(msisdn);
    if (state.servingCarrier().isEmpty()) {
      return Result.refused(RefusalCode.NOT_ALLOWED_IN_STATE, msisdn + " is with its range holder already");
    }
    if (!state.servingCarrier().get().equals(carrier)) {
      return Result.refused(RefusalCode.NOT_THE_SERVING_CARRIER, carrier + " does not serve " + msisdn);
    }
    if (state.openPort().isPresent()) {
      return Result.refused(RefusalCode.NUMBER_HAS_OPEN_PORT, msisdn + " has an open port");
    }
    if (!store.returnNumber(msisdn, carrier, state.routeVersion())) {
      return Result.refused(RefusalCode.NOT_ALLOWED_IN_STATE, "the number changed meanwhile; ask again");
    }
    Instant now = clock.instant();
    CarrierId holder = regime.numbers().rangeOf(msisdn).orElseThrow().holder();
    events.publish(new DomainEvent.NumberReturned(now, msisdn, carrier, holder));
    RouteChange change = routing.append(new RouteChange(0, msisdn, Optional.empty(), Optional.empty(),
        state.routeVersion() + 1, Optional.empty(), now));
    events.publish(new DomainEvent.RouteChanged(now, change));
    return Result.done(change);
  }

  /** A port as its recipient or donor may see it; other carriers see nothing. */
  public Result<Port> port(CarrierId asker, UUID portId) {
    Optional<Port> found = store.port(portId);
    if (found.isEmpty() || !(found.get().recipient().equals(asker) || found.get().donor().equals(asker))) {
      return Result.refused(RefusalCode.UNKNOWN_PORT, "no port " + portId + " of " + asker);
    }
    return Result.done(found.get());
  }

  /** An eligibility query as its asker or donor may see it; other carriers see nothing. */
  public Result<EligibilityQuery> query(CarrierId asker, UUID queryId) {
    Optional<EligibilityQuery> found = store.query(queryId);
    if (found.isEmpty() || !(found.get().askedBy().equals(asker) || found.get().donor().equals(asker))) {
      return Result.refused(RefusalCode.UNKNOWN_QUERY, "no eligibility query " + queryId + " of " + asker);
    }
    return Result.done(found.get());
  }

  /**
   * Whether the authorisation code named {@code codeId} (the id its expiry deadline carries) is still stored for
   * the number, used or not: false once it expired and was cleared, or was replaced.
   */
  public boolean codeStored(Msisdn msisdn, UUID codeId) {
    return store.number(msisdn).code().filter(code -> UUID.nameUUIDFromBytes(code.hash()).equals(codeId)).isPresent();
  }

  /**
   * Fires every deadline due by now, and completes the ports whose last fact this instance recorded without
   * seeing them complete; returns how many deadlines were handled. Call it from a timer on every instance.
   */
  public int fireDueDeadlines() {
    checkCompletions();
    return firing.fireDue();
  }

  // -------------------------------------------------------------------------------------- deadline handlers

  /** Acts on a due deadline row; throws if it could not, so that the row is handed over again. */
  private void onDeadline(Deadline deadline) {
    switch (deadline.kind()) {
      case DONOR_ANSWER -> onDonorDeadline(deadline);
      case ACTIVATION -> onActivationTime(deadline);
      case PUBLISH_ROUTE -> onPublishRoute(deadline);
      case ROUTING_ACK -> onRoutingAckDeadline(deadline);
      case CODE_EXPIRY -> onCodeExpiry(deadline);
      case ELIGIBILITY_ANSWER -> onEligibilityDeadline(deadline);
      default -> throw new IllegalStateException("unhandled deadline kind " + deadline.kind());
    }
  }

  void onDonorDeadline(Deadline deadline) {
    Optional<Port> found = store.port(deadline.subject());
    Instant now = clock.instant();
    if (found.isEmpty() || found.get().state() != PortState.PENDING_DONOR || now.isBefore(found.get().donorDeadline())) {
      return;
    }
    Port port = found.get();
    Instant activation = regime.activation().activationTime(now);
    deadlines.add(new Deadline(activation, Deadline.Kind.ACTIVATION, port.id(), port.msisdn().toString()));
    Port deemed = port.answered(PortLifecycle.next(port.state(), PortEvent.DONOR_DEADLINE_PASSED).orElseThrow(), now,
        Optional.empty(), Map.of(), List.of());
    if (store.transition(port, deemed)) {
      wrote(deemed);
      events.publish(new DomainEvent.DonorAnswered(now, deemed, true));
      schedule(deemed, activation, now);
    }
  }

  void onActivationTime(Deadline deadline) {
    Optional<Port> found = portIn(deadline.subject(), PortState.SCHEDULED);
    if (found.isEmpty()) {
      return;
    }
    Port port = found.get();
    Instant now = clock.instant();
    if (port.state() == PortState.ACCEPTED || port.state() == PortState.DEEMED_ACCEPTED) {
      // The instance that accepted stopped before scheduling, and maybe before telling anyone: publish the answer
      // (again, perhaps; consumers drop duplicates by port and state), then schedule at this deadline's time.
      events.publish(new DomainEvent.DonorAnswered(now, port, port.state() == PortState.DEEMED_ACCEPTED));
      port = schedule(port, deadline.dueAt(), now);
    }
    if (port.state() != PortState.SCHEDULED || now.isBefore(port.activationAt().orElseThrow())) {
      return;
    }
    deadlines.addAll(List.of(
        new Deadline(now.plus(regime.routingAck()), Deadline.Kind.ROUTING_ACK, port.id(), port.msisdn().toString()),
        new Deadline(now.plus(PUBLISH_REPAIR_DELAY), Deadline.Kind.PUBLISH_ROUTE, port.id(), port.msisdn().toString())));
    Port activated = port.activated(now, new HashSet<>(regime.carriers().participants()));
    Long remembered = routeVersions.get(port.id());
    long version = remembered != null ? remembered : store.number(port.msisdn()).routeVersion();
    boolean applied = store.activate(port, activated, version);
    if (!applied && remembered != null) {
      // What this instance remembered no longer holds (the port moved on elsewhere, or the route did): read both.
      routeVersions.remove(port.id());
      recent.remove(port.id());
      onActivationTime(deadline);
      return;
    }
    if (applied) {
      wrote(activated);
      events.publish(new DomainEvent.PortActivated(now, activated));
      publishRoute(activated, Optional.of(activated.recipient()), version + 1, now);
    }
  }

  void onPublishRoute(Deadline deadline) {
    Optional<Port> found = store.port(deadline.subject());
    if (found.isEmpty() || found.get().state() != PortState.ACTIVATED) {
      return;
    }
    Port port = found.get();
    NumberState state = store.number(port.msisdn());
    if (!routing.isPublished(port.id(), state.routeVersion())) {
      // The instance that activated the port stopped before publishing it.
      Instant now = clock.instant();
      events.publish(new DomainEvent.PortActivated(now, port));
      publishRoute(port, Optional.of(port.recipient()), state.routeVersion(), now);
    }
  }

  void onRoutingAckDeadline(Deadline deadline) {
    Optional<Port> found = store.port(deadline.subject());
    if (found.isEmpty() || found.get().state() != PortState.ACTIVATED) {
      return;
    }
    Port port = found.get();
    Instant now = clock.instant();
    Map<String, Set<CarrierId>> facts = store.facts(port.id());
    if (allRecorded(port, facts)) { // the instance that recorded the last fact stopped before its check
      complete(port, now);
      return;
    }
    Set<CarrierId> laggards = new HashSet<>(port.ackExpected());
    laggards.removeAll(facts.getOrDefault(ACK, Set.of()));
    if (!facts.containsKey(DEACTIVATED)) {
      laggards.add(port.donor()); // still serving the subscriber: calls kept on the old network
    }
    PortState next = PortLifecycle.next(port.state(), PortEvent.ACK_DEADLINE_PASSED).orElseThrow();
    Port ended = port.ended(next, now, laggards);
    forget(port.id());
    if (store.transition(port, ended)) {
      events.publish(new DomainEvent.LaggardsNamed(now, port.id(), laggards));
      events.publish(new DomainEvent.PortEnded(now, ended));
    }
  }

  void onCodeExpiry(Deadline deadline) {
    Msisdn msisdn = regime.numbers().parse(deadline.msisdn()).orElseThrow();
    NumberState state = store.number(msisdn);
    Instant now = clock.instant();
    if (state.code().isEmpty()) {
      return;
    }
    NumberState.StoredCode code = state.code().get();
    if (UUID.nameUUIDFromBytes(code.hash()).equals(deadline.subject()) && code.usedBy().isEmpty()
        && !now.isBefore(code.expiresAt()) && store.clearCode(msisdn, code.hash())) {
      events.publish(new DomainEvent.CodeExpired(now, msisdn));
    }
  }

  void onEligibilityDeadline(Deadline deadline) {
    Optional<EligibilityQuery> found = store.query(deadline.subject());
    Instant now = clock.instant();
    if (found.isEmpty() || found.get().state() != EligibilityQuery.State.PENDING || now.isBefore(found.get().deadline())) {
      return;
    }
    EligibilityQuery query = found.get();
    EligibilityQuery expired = new EligibilityQuery(query.id(), query.msisdn(), query.askedBy(), query.donor(),
        query.askedAt(), query.deadline(), EligibilityQuery.State.EXPIRED, Optional.empty(), Map.of(), List.of());
    if (store.closeQuery(query, expired, now)) {
      events.publish(new DomainEvent.EligibilityExpired(now, expired));
    }
  }

  // ------------------------------------------------------------------------------------------------ helpers

  private Port schedule(Port accepted, Instant activation, Instant now) {
    Port scheduled = accepted.scheduled(activation);
    if (store.transition(accepted, scheduled)) {
      wrote(scheduled);
      events.publish(new DomainEvent.PortScheduled(now, scheduled));
      return scheduled;
    }
    return store.port(accepted.id()).orElseThrow();
  }

  /**
   * A retried submission whose port still waits for its donor: the first attempt may have stopped before telling
   * the donor, so tell it (again; the donor drops duplicates by port id).
   */
  private void republishIfWaiting(PortOutcome outcome, Instant now) {
    if (outcome instanceof PortOutcome.Opened opened && opened.port().state() == PortState.PENDING_DONOR) {
      events.publish(new DomainEvent.PortOpened(now, opened.port()));
    }
  }

  private void publishRoute(Port port, Optional<CarrierId> carrier, long version, Instant now) {
    RouteChange change = routing.append(new RouteChange(0, port.msisdn(), carrier,
        carrier.flatMap(regime.carriers()::find).map(Carrier::routingNumber), version, Optional.of(port.id()), now));
    routing.markPublished(port.id(), version, change.position());
    events.publish(new DomainEvent.RouteChanged(now, change));
  }

  private Result<Port> recordFact(CarrierId carrier, UUID portId, String fact) {
    Optional<Refused<Port>> refusal = participant(carrier);
    if (refusal.isPresent()) {
      return refusal.get();
    }
    // A fact checks only what activation fixed for good (the port exists, was activated, who its donor is), so a
    // port this instance knows activated needs no read.
    Optional<Port> found = portIn(portId, PortState.ACTIVATED);
    if (found.isEmpty()) {
      return Result.refused(RefusalCode.UNKNOWN_PORT, "no port " + portId);
    }
    Port port = found.get();
    if (port.state() == PortState.ACTIVATED) {
      recent.put(portId, port);
    }
    if (fact.equals(DEACTIVATED) && !port.donor().equals(carrier)) {
      return Result.refused(RefusalCode.NOT_THE_DONOR, carrier + " is not the donor of this port");
    }
    if (port.activatedAt().isEmpty()) {
      return Result.refused(RefusalCode.NOT_ALLOWED_IN_STATE, "the port has not been activated");
    }
    Instant now = clock.instant();
    store.recordFact(portId, fact, carrier, now);
    events.publish(new DomainEvent.PortFactRecorded(now, portId, carrier, fact));
    if (port.state() != PortState.ACTIVATED) {
      return Result.done(port);
    }
    // The last fact completes the port. When this instance recorded every fact, it knows without a read; when
    // it did not, other instances may have recorded the rest, and the next round reads the port's facts once
    // (rather than once per fact: most facts of a port arrive within the same second).
    boolean[] allKnown = new boolean[1];
    knownFacts.compute(portId, (id, facts) -> { // under the map's lock, like every access to the facts it holds
      Map<String, Set<CarrierId>> more = facts == null ? new HashMap<>() : facts;
      more.computeIfAbsent(fact, f -> new HashSet<>()).add(carrier);
      allKnown[0] = allRecorded(port, more);
      return more;
    });
    if (!allKnown[0]) {
      completionChecks.add(portId);
      return Result.done(port);
    }
    return Result.done(complete(port, now));
  }

  /**
   * Reads the facts of the ports this instance recorded a fact of without seeing them complete, and completes those
   * whose facts are all in (recorded here or by other instances).
   */
  private void checkCompletions() {
    for (UUID portId : List.copyOf(completionChecks)) {
      completionChecks.remove(portId);
      Optional<Port> port = portIn(portId, PortState.ACTIVATED).filter(p -> p.state() == PortState.ACTIVATED);
      if (port.isEmpty()) {
        forget(portId);
        continue;
      }
      Map<String, Set<CarrierId>> facts = store.facts(portId);
      if (allRecorded(port.get(), facts)) {
        complete(port.get(), clock.instant());
      }
    }
  }

  private static boolean allRecorded(Port port, Map<String, Set<CarrierId>> facts) {
    return facts.getOrDefault(ACK, Set.of()).containsAll(port.ackExpected()) && facts.containsKey(DEACTIVATED);
  }

  /** Completes an activated port whose facts are all in; returns it as completed, or as it is if that failed. */
  private Port complete(Port port, Instant now) {
    Port completed = port.ended(PortLifecycle.next(port.state(), PortEvent.ALL_ACKNOWLEDGED).orElseThrow(), now,
        Set.of());
    forget(port.id());
    if (store.transition(port, completed)) {
      events.publish(new DomainEvent.PortEnded(now, completed));
      return completed;
    }
    return store.port(port.id()).orElseThrow();
  }

  /**
   * Checks one reason a donor gives (for a port or an eligibility answer): on the list, allowed against this
   * subscriber, not contradicted by the clearinghouse's data, with sound evidence. Violations are published.
   */
  private <T> Optional<Refused<T>> checkReason(CarrierId donor, Optional<UUID> portId, Msisdn msisdn,
      NumberState state, SubscriberType subscriberType, String code, Map<String, String> evidence, Instant now) {
    Optional<RejectionReason> reason = regime.reason(code);
    if (reason.isEmpty()) {
      events.publish(new DomainEvent.RuleViolation(now, donor, portId, "REASON_NOT_ON_LIST",
          "rejection reason " + code + " is not on the " + regime.id() + " closed list"));
      return Optional.of(new Refused<>(RefusalCode.REASON_NOT_ON_LIST, code + " is not on the closed list "
          + regime.reasonsByCode().keySet() + "; send anything else as a warning"));
    }
    if (subscriberType == SubscriberType.INDIVIDUAL && !reason.get().individuals()) {
      events.publish(new DomainEvent.RuleViolation(now, donor, portId, "REJECTION_NOT_ALLOWED_FOR_INDIVIDUAL",
          code + " cited against an individual's port"));
      return Optional.of(new Refused<>(RefusalCode.REJECTION_NOT_ALLOWED_FOR_INDIVIDUAL, "the " + regime.id()
          + " regime does not let a donor reject an individual's port for " + code));
    }
    if (reason.get().clearinghouseVerifies()) {
      NumberRange range = regime.numbers().rangeOf(msisdn).orElseThrow();
      boolean holds = switch (code) {
        case "LOCK_PERIOD" -> checks.inLockPeriod(state, now);
        case "NON_PORTABLE_RANGE" -> !range.portable();
        default -> throw new IllegalStateException("regime " + regime.id() + " marks " + code
            + " as verified by the clearinghouse, which has no check for it");
      };
      if (!holds) {
        events.publish(new DomainEvent.RuleViolation(now, donor, portId, "REASON_CONTRADICTED_BY_CLEARINGHOUSE",
            code + " cited for " + msisdn + ", which the clearinghouse's data contradicts"));
        return Optional.of(new Refused<>(RefusalCode.REASON_CONTRADICTED_BY_CLEARINGHOUSE, "the clearinghouse's "
            + "data contradicts " + code + " for " + msisdn));
      }
    }
    List<String> problems = EvidenceCheck.problems(reason.get(), evidence, LocalDate.ofInstant(now, regime.zone()));
    if (!problems.isEmpty()) {
      return Optional.of(new Refused<>(RefusalCode.EVIDENCE_INVALID, code + ": " + String.join("; ", problems)));
    }
    return Optional.empty();
  }

  private Result<Port> refusedAfterRace(UUID portId, PortEvent event) {
    Port now = store.port(portId).orElseThrow();
    Optional<Refused<Port>> refusal = refusal(PortLifecycle.apply(now.state(), event));
    if (refusal.isPresent()) {
      return refusal.get();
    }
    return Result.refused(RefusalCode.NOT_ALLOWED_IN_STATE, "the port changed meanwhile; ask again");
  }

  private static <T> Optional<Refused<T>> refusal(PortLifecycle.Move move) {
    if (move instanceof PortLifecycle.Move.Refused refused) {
      RefusalCode code = refused.refusal() == PortLifecycle.Refusal.PORT_ENDED ? RefusalCode.PORT_ENDED
          : RefusalCode.NOT_ALLOWED_IN_STATE;
      return Optional.of(new Refused<>(code, refused.event() + " does not apply to a port " + refused.from()));
    }
    return Optional.empty();
  }

  private <T> Optional<Refused<T>> participant(CarrierId carrier) {
    Optional<Carrier> known = regime.carriers().find(carrier);
    if (known.isEmpty()) {
      return Optional.of(new Refused<>(RefusalCode.UNKNOWN_CARRIER, "unknown carrier " + carrier));
    }
    if (!known.get().participant()) {
      return Optional.of(new Refused<>(RefusalCode.NOT_A_PARTICIPANT, carrier + " takes no part in porting"));
    }
    return Optional.empty();
  }

  private static <T> Optional<Refused<T>> textProblem(String field, String value, String pattern) {
    if (value == null || !value.matches(pattern)) {
      return Optional.of(new Refused<>(RefusalCode.INVALID_REQUEST, field + " must match " + pattern));
    }
    return Optional.empty();
  }

  private static Optional<String> warningProblem(List<String> warnings) {
    if (warnings.size() > MAX_WARNINGS) {
      return Optional.of("at most " + MAX_WARNINGS + " warnings");
    }
    return warnings.stream().filter(w -> w == null || !w.matches("[A-Z][A-Z0-9_]{0," + (MAX_TEXT - 1) + "}"))
        .findFirst().map(w -> "a warning is an UPPER_SNAKE_CASE code of at most " + MAX_TEXT + " characters: " + w);
  }

  private CarrierId donorOf(Msisdn msisdn, NumberState state) {
    return state.servingCarrier().orElseGet(() -> regime.numbers().rangeOf(msisdn).orElseThrow().holder());
  }

  private Optional<PortOutcome> firstOutcome(UUID portId) {
    Optional<PortOutcome> rejected = store.rejection(portId).map(r -> r);
    return rejected.or(() -> store.port(portId).map(PortOutcome.Opened::new));
  }

  /** The port, from {@link #recent} when it is there in the state the caller needs, else as read now. */
  private Optional<Port> portIn(UUID portId, PortState needed) {
    Port known = recent.get(portId);
    return known != null && known.state() == needed ? Optional.of(known) : store.port(portId);
  }

  /** Remembers a port this instance wrote, or forgets it once it ended. */
  private void wrote(Port port) {
    if (port.state().isTerminal()) {
      forget(port.id());
    } else {
      recent.put(port.id(), port);
    }
  }

  private void forget(UUID portId) {
    recent.remove(portId);
    routeVersions.remove(portId);
    knownFacts.remove(portId);
    completionChecks.remove(portId);
  }

  /** A map of at most {@value #PORTS_REMEMBERED} entries, safe for many threads, that drops the least used. */
  private static <K, V> Map<K, V> remembered() {
    return Collections.synchronizedMap(new LinkedHashMap<>(1_024, 0.75f, true) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
        return size() > PORTS_REMEMBERED;
      }
    });
  }

  /** The port a request opens is named by its recipient and idempotency key, so every retry names the same. */
  static UUID portIdFor(CarrierId recipient, String idempotencyKey) {
    return UUID.nameUUIDFromBytes(("port\u0000" + recipient.value() + "\u0000" + idempotencyKey)
        .getBytes(StandardCharsets.UTF_8));
  }

  private static byte[] requestHash(SubmitPort command, Msisdn msisdn, byte[] subscriberDigest) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      for (String part : new String[] {msisdn.toString(), command.orderId(), command.channel(),
          command.subscriberType().name(), command.code()}) {
        sha.update(part.getBytes(StandardCharsets.UTF_8));
        sha.update((byte) 0);
      }
      sha.update(subscriberDigest);
      return sha.digest();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }
}
