package npc.simulator.carrier;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import npc.simulator.model.Draws;
import npc.simulator.model.LogNormal;
import npc.simulator.regime.Reason;
import npc.simulator.regime.Regime;
import npc.simulator.scenario.CarrierSpec;
import npc.simulator.scenario.Tactic;
import npc.simulator.scenario.TacticSpec;

/**
 * One simulated carrier's decisions. Honest by default: it rejects a port (or answers "not eligible") exactly when
 * the subscriber has a condition whose reason may be held against it, with honest evidence, and accepts otherwise.
 * Each tactic of its scenario changes a share of the decisions, as the table says; every draw is keyed by
 * the seed, the carrier, the tactic and the request, so that the query and the port of one attempt see the same
 * draw (a liar that targets an attempt lies at its query too, with {@code lie_at_query}).
 */
public final class Carrier {

  /** The reason an {@code off_list_reason} carrier tries first: value-added services, which the list excludes. */
  public static final String OFF_LIST_REASON = "VALUE_ADDED_SERVICES";

  private final String id;
  private final CarrierSpec spec;
  private final Regime regime;
  private final long seed;
  private final long key;
  private final LogNormal answerTime;
  private final LogNormal eligibilityAnswerTime;
  private final LogNormal routingAckTime;
  private final LogNormal deactivationTime;

  public Carrier(String id, CarrierSpec spec, Regime regime, long seed) {
    this.id = id;
    this.spec = spec;
    this.regime = regime;
    this.seed = seed;
    this.key = Draws.key(id);
    this.answerTime = LogNormal.fitted(spec.answerTime());
    this.eligibilityAnswerTime = LogNormal.fitted(spec.eligibilityAnswerTime());
    this.routingAckTime = LogNormal.fitted(spec.routingAckTime());
    this.deactivationTime = LogNormal.fitted(spec.deactivationTime());
  }

  /** The carrier's id. */
  public String id() {
    return id;
  }

  /** How it answers a port against it (it is the donor). */
  public Decision answerPort(Case c) {
    List<Tactic> touched = new ArrayList<>();
    Optional<Answer> firstTry = Optional.empty();
    Optional<TacticSpec.OffListReason> offList = tactic(TacticSpec.OffListReason.class);
    Optional<TacticSpec.RefutableClaim> claim = tactic(TacticSpec.RefutableClaim.class);
    if (offList.isPresent() && draw(Tactic.OFF_LIST_REASON, c) < offList.get().rate()) {
      firstTry = Optional.of(Answer.reject(OFF_LIST_REASON, Map.of("service", "ring-back tone")));
      touched.add(Tactic.OFF_LIST_REASON);
    } else if (claim.isPresent() && draw(Tactic.REFUTABLE_CLAIM, c) < claim.get().rate()) {
      firstTry = Optional.of(refutable(claim.get().reason(), c));
      touched.add(Tactic.REFUTABLE_CLAIM);
    }
    Optional<TacticSpec.Silence> silence = tactic(TacticSpec.Silence.class);
    if (silence.isPresent() && draw(Tactic.SILENCE, c) < silence.get().rate()) {
      touched.add(Tactic.SILENCE);
      return new Decision(firstTry, Answer.SILENT, touched);
    }
    return new Decision(firstTry, obstructed(c, touched, false), touched);
  }

  /** How it answers an eligibility query for one of its numbers. */
  public Decision answerQuery(Case c) {
    List<Tactic> touched = new ArrayList<>();
    Optional<TacticSpec.IgnoreEligibility> ignore = tactic(TacticSpec.IgnoreEligibility.class);
    if (ignore.isPresent() && draw(Tactic.IGNORE_ELIGIBILITY, c) < ignore.get().rate()) {
      touched.add(Tactic.IGNORE_ELIGIBILITY);
      return new Decision(Optional.empty(), Answer.SILENT, touched);
    }
    return new Decision(Optional.empty(), obstructed(c, touched, true), touched);
  }

  /**
   * The answer after silence and first tries: a targeted number rejected again ({@code repeat_rejection}), a
   * subscriber without the condition rejected for it ({@code false_reason}; at a query only with
   * {@code lie_at_query}), or the honest answer.
   */
  private Answer obstructed(Case c, List<Tactic> touched, boolean query) {
    Optional<TacticSpec.RepeatRejection> repeat = tactic(TacticSpec.RepeatRejection.class);
    if (repeat.isPresent() && targeted(c.subscriber(), repeat.get().share())) {
      List<Reason> conditions = regime.conditions();
      Reason reason = conditions.get(c.attempt() % conditions.size());
      touched.add(Tactic.REPEAT_REJECTION);
      return Answer.reject(reason.code(),
          Evidence.honest(reason, id, c.subscriber(), c.today(), seed));
    }
    Optional<TacticSpec.FalseReason> lie = tactic(TacticSpec.FalseReason.class);
    if (c.blocking() < 0 && lie.isPresent() && draw(Tactic.FALSE_REASON, c) < lie.get().rate()) {
      TacticSpec.FalseReason f = lie.get();
      if (!query || Draws.uniform(seed, key, Draws.key("lie_at_query"), c.subscriber(), c.attempt())
          < f.lieAtQuery()) {
        touched.add(Tactic.FALSE_REASON);
        Reason reason = regime.reason(f.reason()).orElseThrow();
        return Answer.reject(reason.code(),
            Evidence.madeUp(reason, id, f.evidence(), requestKey(c), c.today(), seed));
      }
    }
    return honest(c);
  }

  /** The honest answer: reject for the blocking condition with its evidence, or accept. */
  public Answer honest(Case c) {
    if (c.blocking() < 0) {
      return Answer.ACCEPT;
    }
    Reason reason = regime.conditions().get(c.blocking());
    return Answer.reject(reason.code(), Evidence.honest(reason, id, c.subscriber(), c.today(), seed));
  }

  private Answer refutable(String code, Case c) {
    Reason reason = regime.reason(code).orElseThrow();
    Map<String, String> evidence = new java.util.LinkedHashMap<>(
        Evidence.madeUp(reason, id, TacticSpec.EvidenceKind.FRESH, requestKey(c), c.today(), seed));
    reason.refutedOnPort().ifPresent(fv -> evidence.put(fv.substring(0, fv.indexOf(':')),
        fv.substring(fv.indexOf(':') + 1)));
    return Answer.reject(code, evidence);
  }

  /** Whether subscriber {@code subscriber} is one of the numbers a {@code repeat_rejection} carrier targets. */
  public boolean targeted(int subscriber, double share) {
    return Draws.uniform(seed, key, Draws.key("repeat_rejection"), subscriber) < share;
  }

  /** How long it takes to answer a port. */
  public Duration answerTime(long request) {
    return answerTime.draw(seed, key, Draws.key("answer"), request);
  }

  /** How long it takes to answer an eligibility query. */
  public Duration eligibilityAnswerTime(long request) {
    return eligibilityAnswerTime.draw(seed, key, Draws.key("eligibility"), request);
  }

  /** When it acknowledges route change {@code change}: its usual time, plus the delay of a slow one. */
  public Timed routingAck(long change) {
    Duration usual = routingAckTime.draw(seed, key, Draws.key("routing"), change);
    Optional<TacticSpec.SlowRoutingAck> slow = tactic(TacticSpec.SlowRoutingAck.class);
    if (slow.isPresent() && Draws.uniform(seed, key, Draws.key("slow_routing_ack"), change) < slow.get().rate()) {
      return new Timed(Optional.of(usual.plus(slow.get().delay())), List.of(Tactic.SLOW_ROUTING_ACK));
    }
    return new Timed(Optional.of(usual), List.of());
  }

  /** When it confirms the deactivation of a number ported away: its usual time, later, or never. */
  public Timed deactivation(long port) {
    Duration usual = deactivationTime.draw(seed, key, Draws.key("deactivation"), port);
    Optional<TacticSpec.LateDeactivation> late = tactic(TacticSpec.LateDeactivation.class);
    if (late.isPresent() && Draws.uniform(seed, key, Draws.key("late_deactivation"), port) < late.get().rate()) {
      return new Timed(late.get().delay().map(usual::plus), List.of(Tactic.LATE_DEACTIVATION));
    }
    return new Timed(Optional.of(usual), List.of());
  }

  /** Whether, told of port {@code port} away from it, it pressures the subscriber into cancelling. */
  public boolean retains(long port) {
    Optional<TacticSpec.Retention> retention = tactic(TacticSpec.Retention.class);
    return retention.isPresent()
        && Draws.uniform(seed, key, Draws.key("retention"), port) < retention.get().rate();
  }

  /** Whether, as recipient of arrival {@code arrival}, it first tries codes it does not have for another number. */
  public boolean guessesCodes(long arrival) {
    Optional<TacticSpec.CodeGuessing> guessing = tactic(TacticSpec.CodeGuessing.class);
    return guessing.isPresent()
        && Draws.uniform(seed, key, Draws.key("code_guessing"), arrival) < guessing.get().rate();
  }

  /** The channel (outlet or online channel) arrival {@code arrival} comes through, uniform over its channels. */
  public String channel(long arrival) {
    return id + "-ch" + Math.floorMod(Draws.hash(seed, key, Draws.key("channel"), arrival), (long) spec.channels());
  }

  /** The one channel its bulk ports come through. */
  public String bulkChannel() {
    return id + "-bulk";
  }

  /**
   * How many bursts of unrequested ports a {@code bulk_channel} carrier sends now, after {@code requested} ports of
   * subscribers who asked and {@code bursts} bursts so far: as many as keep the unrequested share at {@code share}.
   */
  public int burstsDue(long requested, long bursts) {
    Optional<TacticSpec.BulkChannel> bulk = tactic(TacticSpec.BulkChannel.class);
    if (bulk.isEmpty()) {
      return 0;
    }
    double share = bulk.get().share();
    double owed = requested * share / (1 - share);
    long due = (long) Math.floor(owed / bulk.get().burst());
    return (int) Math.max(0, due - bursts);
  }

  /** The size of a burst of unrequested ports, 0 if it sends none. */
  public int burst() {
    return tactic(TacticSpec.BulkChannel.class).map(TacticSpec.BulkChannel::burst).orElse(0);
  }

  private double draw(Tactic tactic, Case c) {
    return Draws.uniform(seed, key, Draws.key(tactic.id()), c.subscriber(), c.attempt());
  }

  private long requestKey(Case c) {
    return Draws.hash(seed, key, c.subscriber(), c.attempt());
  }

  private <T extends TacticSpec> Optional<T> tactic(Class<T> type) {
    return spec.tactics().stream().filter(type::isInstance).map(type::cast).findFirst();
  }

  /**
   * When something happens, if ever, and the tactics that delayed it.
   *
   * @param after the delay, empty for never
   * @param touched the tactics that changed it
   */
  public record Timed(Optional<Duration> after, List<Tactic> touched) {}
}
