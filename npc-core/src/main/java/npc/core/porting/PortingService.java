package npc.core.porting;

import npc.core.audit.AuditKind;
import npc.core.audit.AuditStep;
import npc.core.audit.AuditTrail;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import npc.core.authcode.AuthorisationCodes;
import npc.core.carrier.CarrierId;
import npc.core.deadline.Deadline;
import npc.core.deadline.DeadlineShare;
import npc.core.deadline.DeadlineStore;
import npc.core.event.DomainEvents;
import npc.core.identity.IdentityDigester;
import npc.core.identity.SubscriberIdentity;
import npc.core.numbering.Msisdn;
import npc.core.regime.Regime;
import npc.core.routing.RouteChange;
import npc.core.routing.RoutingLog;

/**
 * The application service: every command a carrier, an operator or a deadline can give the core. Each command
 * checks its input first (a refusal writes nothing), then makes its change with conditional writes, then publishes
 * what happened. Safe to call from many threads and from many instances on one keyspace.
 *
 * <p>This class only routes: each step lives in a class of its own in this package ({@link Eligibility},
 * {@link Codes}, {@link Submission} and its {@link CodeMismatches}, {@link DonorAnswers}, {@link Cancellation},
 * {@link Activation}, {@link Completion}, {@link RouteOwnership}, {@link RoutePublication}), sharing
 * {@link PortingParts}.
 */
public final class PortingService {
  /**
   * How long a notice may take to reach a connected carrier before the clearinghouse counts the time as its own
   * delay: the pushers poll every 250 ms, and a settle window of a second covers other instances' notices.
   */
  public static final Duration DONOR_TOLD_LATE = Duration.ofSeconds(5);
  /**
   * How long an answer received in time may hold back its subject's deadline while it waits to run on this
   * instance: longer than any wait a worker's queue allows in practice, short enough that an answer refused before
   * it ran delays the deemed acceptance or the expiry by no more.
   */
  public static final Duration ANSWER_WAIT = Duration.ofSeconds(30);

  private final PortingParts parts;
  private final Eligibility eligibility;
  private final Codes codes;
  private final Submission submission;
  private final DonorAnswers answers;
  private final Cancellation cancellation;
  private final Completion completion;
  private final RouteOwnership ownership;
  private final DeadlineRouter router;
  private final DeadlineFiring firing;

  /**
   * {@code share} is this instance's share of the deadline work: the units of deadline rows it holds by lease and
   * fires; it must run on {@code deadlines} and {@code clock}.
   */
  public PortingService(Regime regime, PortStore store, DeadlineStore deadlines, DeadlineShare share,
      RoutingLog routing, DomainEvents events, IdentityDigester identities, Clock clock, SecureRandom random) {
    this(regime, store, deadlines, share, routing, events, identities, clock, random, AuditTrail.NONE);
  }

  /**
   * A service whose refusals by a rule and route changes are recorded in {@code audit} (durably before the carrier
   * is answered); its steps are recorded by the store when it is an {@code AuditingPortStore} over the same trail.
   */
  public PortingService(Regime regime, PortStore store, DeadlineStore deadlines, DeadlineShare share,
      RoutingLog routing, DomainEvents events, IdentityDigester identities, Clock clock, SecureRandom random,
      AuditTrail audit) {
    this.parts = new PortingParts(regime, store, deadlines, routing, events, identities, clock, new InstanceMemory(),
        audit);
    AuthorisationCodes authorisationCodes = new AuthorisationCodes(regime.code(), random,
        identities.derivedKey(AuthorisationCodes.KEY_PURPOSE));
    ClearinghouseChecks checks = new ClearinghouseChecks(regime, authorisationCodes);
    ClosedList closedList = new ClosedList(parts, checks);
    RoutePublication publication = new RoutePublication(parts);
    Activation activation = new Activation(parts, publication);
    this.eligibility = new Eligibility(parts, closedList);
    this.codes = new Codes(parts, authorisationCodes, checks);
    this.submission = new Submission(parts, checks);
    this.answers = new DonorAnswers(parts, closedList, activation);
    this.cancellation = new Cancellation(parts);
    this.completion = new Completion(parts);
    this.ownership = new RouteOwnership(parts, publication);
    this.router = new DeadlineRouter(eligibility, codes, answers, activation, publication, completion);
    this.firing = new DeadlineFiring(deadlines, share, clock, router::fire);
  }

  public Regime regime() {
    return parts.regime();
  }

  /** The clearinghouse's time, the one its deadlines are set and fired by. */
  public Instant now() {
    return parts.now();
  }

  /**
   * Routes an eligibility query to the number's donor, who answers within the regime's deadline against its own
   * records for the subscriber the query names. The identity is kept as a keyed digest, and sealed for the donor
   * only until the query closes. Refused with nothing written for a number of a non-portable block
   * ({@link RefusalCode#NOT_ELIGIBLE}) and for a number the asker serves
   * ({@link RefusalCode#RECIPIENT_ALREADY_SERVES}).
   */
  public Result<EligibilityQuery> queryEligibility(QueryEligibility command) {
    return eligibility.query(command);
  }

  /**
   * The donor's answer to an eligibility query: eligible (no reasons), or ineligible with reasons of the closed
   * list and their evidence. Warnings never make a number ineligible.
   */
  public Result<EligibilityQuery> answerEligibility(CarrierId donor, UUID queryId,
      Map<String, Map<String, String>> reasons, List<String> warnings) {
    return answerEligibility(donor, queryId, reasons, warnings, now());
  }

  /**
   * {@link #answerEligibility(CarrierId, UUID, Map, List)} as received at {@code receivedAt} (by this clock): the
   * answer is in time if it was received by the deadline, however long it then waited on the clearinghouse, as long
   * as the query has not expired meanwhile. A time after now counts as now.
   */
  public Result<EligibilityQuery> answerEligibility(CarrierId donor, UUID queryId,
      Map<String, Map<String, String>> reasons, List<String> warnings, Instant receivedAt) {
    return eligibility.answer(donor, queryId, reasons, warnings, receivedAt);
  }

  /**
   * Issues an authorisation code at the request of the carrier serving the number, for its subscriber. The
   * clearinghouse generates it and keeps only its keyed hash, bound to the number and the subscriber; a new code
   * voids the number's previous one. A code is also void after the regime's number of port requests whose code did
   * not match it: the carrier serving the number is told, and must ask for a new one.
   */
  public Result<IssuedCode> issueCode(CarrierId donor, String number, SubscriberIdentity subscriber) {
    return codes.issue(donor, number, subscriber);
  }

  /**
   * A recipient's port-in request. Input that cannot be a port is refused with nothing written; a port that fails
   * the clearinghouse's checks is rejected (and the rejection kept for retries; a code that does not match is
   * counted against the code and the recipient); otherwise the port opens and waits for its donor. A retry with the
   * same idempotency key within its 7 days gets the first answer; a key reused after them opens a new port.
   */
  public Result<PortOutcome> submit(SubmitPort command) {
    return submission.submit(command);
  }

  /**
   * The donor's answer to a port. Only the donor answers, only while the port waits for it, only before the
   * deadline, only with a reason of the closed list and evidence that holds together.
   */
  public Result<Port> answer(DonorAnswer answer) {
    return answer(answer, now());
  }

  /**
   * {@link #answer(DonorAnswer)} as received at {@code receivedAt} (by this clock): in time if received by the
   * deadline, however long it then waited on the clearinghouse, as long as the port has not been deemed accepted
   * meanwhile. A time after now counts as now.
   */
  public Result<Port> answer(DonorAnswer answer, Instant receivedAt) {
    return answers.answer(answer, receivedAt);
  }

  /**
   * An answer about {@code subject} (a port or an eligibility query) was received now and waits to run: until
   * {@link #answerRan} (or {@link #ANSWER_WAIT}), this instance's deadline rounds do not deem the port accepted or
   * expire the query if the answer came by the deadline. Returns the moment of receipt, by this clock.
   */
  public Instant answerReceived(UUID subject) {
    Instant now = now();
    parts.memory().answersWaiting.put(subject, now);
    return now;
  }

  /** The answer about {@code subject} received at {@code receivedAt} ran (or failed): it holds back nothing. */
  public void answerRan(UUID subject, Instant receivedAt) {
    parts.memory().answersWaiting.remove(subject, receivedAt);
  }

  /**
   * The donor's notice of a port reached it {@code delay} after the clearinghouse could have pushed it, while the
   * donor was connected: the donor's deadline moves on by the delay, once (a delay up to {@link #DONOR_TOLD_LATE}
   * is ordinary delivery). Called by the gateway when it first pushes a port to its donor.
   */
  public Result<Port> donorToldLate(UUID portId, Duration delay) {
    return answers.extendForDelay(portId, delay);
  }

  /** The subscriber cancels through the recipient, before activation. */
  public Result<Port> cancel(CarrierId recipient, UUID portId) {
    return cancellation.cancel(recipient, portId);
  }

  /**
   * A carrier acknowledges that its network routes the number of an activated port to its new carrier. Returns the
   * port as this instance last saw it, or as the acknowledgement completed it.
   */
  public Result<Port> acknowledgeRoute(CarrierId carrier, UUID portId) {
    return acknowledgeRoute(carrier, portId, now());
  }

  /**
   * {@link #acknowledgeRoute(CarrierId, UUID)} as received at {@code receivedAt} (by this clock): the fact is
   * recorded at that time. A time after now counts as now.
   */
  public Result<Port> acknowledgeRoute(CarrierId carrier, UUID portId, Instant receivedAt) {
    return completion.record(carrier, portId, Port.ACK, receivedAt);
  }

  /**
   * A carrier's fact about a port ({@link Port#ACK} or {@link Port#DEACTIVATED}) was received now and waits to be
   * recorded: until {@link #factRecorded} (or {@link #ANSWER_WAIT}), this instance's routing deadline round does not
   * name the carrier a laggard for it if it came by the deadline. Returns the moment of receipt, by this clock.
   */
  public Instant factReceived(CarrierId carrier, UUID portId, String fact) {
    Instant now = now();
    parts.memory().factsWaiting.putIfAbsent(new InstanceMemory.FactWaiting(portId, carrier, fact), now);
    return now;
  }

  /** The fact received at {@code receivedAt} was recorded (or failed): it holds back nothing. */
  public void factRecorded(CarrierId carrier, UUID portId, String fact, Instant receivedAt) {
    parts.memory().factsWaiting.remove(new InstanceMemory.FactWaiting(portId, carrier, fact), receivedAt);
  }

  /**
   * The donor confirms it has deactivated the subscriber on its network. Returns the port as this instance last saw
   * it, or as the confirmation completed it.
   */
  public Result<Port> confirmDeactivation(CarrierId donor, UUID portId) {
    return confirmDeactivation(donor, portId, now());
  }

  /**
   * {@link #confirmDeactivation(CarrierId, UUID)} as received at {@code receivedAt} (by this clock): the fact is
   * recorded at that time, which the audit holds against the deactivation deadline. A time after now counts as now.
   */
  public Result<Port> confirmDeactivation(CarrierId donor, UUID portId, Instant receivedAt) {
    return completion.record(donor, portId, Port.DEACTIVATED, receivedAt);
  }

  /**
   * A regulator-approved reversal of an unauthorised port: the route goes back to the donor, and a later port of the
   * number still open is cancelled ({@link Port#ROUTE_REVERSED}). {@code approvedBy} ({@code ROLE:<id>}, e.g. the
   * regulator's token) is the actor of the audit entry, so that the record says who approved it as well as which
   * approval ({@code approvalReference}).
   */
  public Result<Port> reverse(UUID portId, String approvalReference, String approvedBy) {
    return ownership.reverse(portId, approvalReference, approvedBy);
  }

  /** The serving carrier gives a ported number back to its range holder (its subscriber left). */
  public Result<RouteChange> returnNumber(CarrierId carrier, String number) {
    return ownership.returnNumber(carrier, number);
  }

  /** A port as the clearinghouse holds it, whoever its carriers: for the regulator's and the operator's API. */
  public Optional<Port> port(UUID portId) {
    return parts.store().port(portId);
  }

  /**
   * Records an entry the clearinghouse's own users make (a subscriber's complaint, the regulator's decision on it);
   * returns once it is durable. Give a step id derived from what it records, so that recording it again after a
   * failure is the same step, not a second one. Blocks on the database.
   */
  public void record(AuditStep step) {
    parts.audit().record(step);
  }

  /** A port as its recipient or donor may see it; other carriers see nothing. */
  public Result<Port> port(CarrierId asker, UUID portId) {
    return parts.store().port(portId).filter(p -> p.recipient().equals(asker) || p.donor().equals(asker))
        .<Result<Port>>map(Result::done).orElseGet(() -> Guards.unknownPort(portId));
  }

  /**
   * An eligibility query as its asker or donor may see it; other carriers see nothing. Its donor sees its whole
   * answer, and the subscriber the query names while it is pending. Its asker sees the reasons' codes and, of their
   * evidence, only the fields the regime marks shareable: arrears, dates and agreement ids stay with the donor.
   */
  public Result<EligibilityQuery> query(CarrierId asker, UUID queryId) {
    return eligibility.read(asker, queryId);
  }

  /**
   * Whether the authorisation code named {@code codeId} (the id its expiry deadline carries) is still stored for
   * the number, used or not: false once it expired and was cleared, or was replaced.
   */
  public boolean codeStored(Msisdn msisdn, UUID codeId) {
    return codes.stored(msisdn, codeId);
  }

  /**
   * Whether the number's last authorisation code was void after the regime's number of mismatches and no code was
   * issued since: what a notice of the void is checked against before it is pushed.
   */
  public boolean codeVoided(Msisdn msisdn) {
    return codes.voided(msisdn);
  }

  /**
   * Fires every deadline due by now of the units this instance holds (taking, renewing and giving up leases first,
   * so that the live instances share the units), and completes the ports whose last fact this instance recorded
   * without seeing them complete; returns how many deadlines were handled. Call it from a timer on every instance,
   * more often than a third of the deadline lease.
   */
  public int fireDueDeadlines() {
    completion.checkCompletions();
    return firing.fireDue();
  }

  /**
   * Records that the clearinghouse closed {@code carrier}'s connection for its conduct ({@code conduct}: a code such
   * as SLOW_CONSUMER or IDLE; {@code detail}: what was seen); returns once the entry is durable, so that the gateway
   * closes the connection only after. Blocks on the database: never call it on an event loop.
   */
  public void recordDisconnection(CarrierId carrier, String conduct, String detail) {
    parts.audit().record(AuditStep.of(UUID.randomUUID(), AuditKind.CARRIER_DISCONNECTED, parts.now())
        .withActor(carrier).withReason(conduct).with("detail", detail));
  }

  /** Acts on one deadline row now, as a round would (for benchmarks that drive steps without a timer). */
  void fire(Deadline deadline) {
    router.fire(deadline);
  }
}
