package npc.core.audit;

import java.time.Instant;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;
import npc.core.carrier.CarrierId;
import npc.core.numbering.Msisdn;
import npc.core.numbering.NumberPlan;
import npc.core.port.PortState;
import npc.core.porting.EligibilityQuery;
import npc.core.porting.ForwardingPortStore;
import npc.core.porting.NumberState;
import npc.core.porting.Port;
import npc.core.porting.PortOutcome;
import npc.core.porting.PortStore;

/**
 * A port store that feeds the audit record around each write that makes a step: the step's intent before the write
 * ({@link AuditTrail#intend}; the write sent once the intent is durable, by the thread that learns so), its id
 * carried into the write itself ({@link WriteSteps}, so the row it changes holds it), and the outcome after
 * ({@link AuditTrail#applied} or {@link AuditTrail#abandoned}). An instance that stops between the write and the
 * outcome leaves an open intent, which a sweep resolves by that id: nothing lost, nothing claimed that did not apply.
 * A code mismatch changes no port: it is recorded as a refusal, durably, before the recipient hears of it.
 */
public final class AuditingPortStore extends ForwardingPortStore {
  private static final int ACTIVATED_REMEMBERED = 10_000;
  private final AuditTrail trail;
  private final PortSteps steps;
  private final NumberPlan plan;
  /**
   * The ports this instance activated, as a fact's entry needs them: the facts of a port arrive within seconds of its
   * activation, mostly at the instance that activated it, so their entries need no read of the port.
   */
  private final Map<UUID, PortSteps.Activated> activated = Collections.synchronizedMap(
      new LinkedHashMap<>(1024, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<UUID, PortSteps.Activated> eldest) {
          return size() > ACTIVATED_REMEMBERED;
        }
      });

  public AuditingPortStore(PortStore store, AuditTrail trail, PortSteps steps, NumberPlan plan) {
    super(store);
    this.trail = trail;
    this.steps = steps;
    this.plan = plan;
  }

  @Override
  public void recordRejection(PortOutcome.RejectedByClearinghouse rejection, Instant now) {
    UUID port = rejection.portId();
    AuditStep step = AuditStep.of(PortSteps.fixedId("rejection", port.toString()),
            AuditKind.PORT_REJECTED_BY_CLEARINGHOUSE, now)
        .withReason(rejection.code().name()).with("check", rejection.detail())
        .withStates(PortState.SUBMITTED.name(), PortState.REJECTED_BY_CLEARINGHOUSE.name())
        .withSubject(port.toString()).withRow(new StepRow.RejectionRow(port));
    around(step, () -> {
      super.recordRejection(rejection, now);
      return true;
    });
  }

  @Override
  public Optional<NumberState> openPort(Port port, byte[] subscriberDigest, String idempotencyKey,
      NumberState seen) {
    AuditStep step = steps.opened(port, subscriberDigest);
    Optional<NumberState> result = stamping(List.of(step), trail.intend(step),
        () -> super.openPort(port, subscriberDigest, idempotencyKey, seen));
    outcome(step, result.isEmpty());
    return result;
  }

  @Override
  public boolean transition(Port before, Port after) {
    Optional<AuditStep> step = steps.transition(before, after);
    return step.isEmpty() ? super.transition(before, after) : around(step.get(), () -> super.transition(before, after));
  }

  @Override
  public boolean extendDeadline(Port before, Port after) {
    return around(steps.extended(before, after), () -> super.extendDeadline(before, after));
  }

  @Override
  public boolean activate(Port before, Port after, long routeVersion) {
    boolean applied = around(steps.activated(before, after), () -> super.activate(before, after, routeVersion));
    if (applied) {
      activated.put(after.id(), steps.activated(after));
    }
    return applied;
  }

  @Override
  public boolean reverse(Port before, Port after, String approvedBy, long routeVersion, Optional<Port> open,
      Optional<Port> cancelled) {
    AuditStep reversal = steps.reversed(before, after, approvedBy);
    Optional<AuditStep> cancel = open.map(o -> steps.cancelledByReversal(o, cancelled.orElseThrow()));
    CompletionStage<Void> intents = trail.intend(reversal);
    if (cancel.isPresent()) {
      intents = intents.thenCombine(trail.intend(cancel.get()), (a, b) -> null);
    }
    List<AuditStep> made = cancel.map(c -> List.of(reversal, c)).orElse(List.of(reversal));
    boolean applied = stamping(made, intents,
        () -> super.reverse(before, after, approvedBy, routeVersion, open, cancelled));
    outcome(reversal, applied);
    cancel.ifPresent(c -> outcome(c, applied));
    return applied;
  }

  @Override
  public boolean storeCode(Msisdn msisdn, NumberState.StoredCode code, NumberState seen) {
    CarrierId donor = serving(msisdn, seen);
    AuditStep step = codeStep(AuditKind.CODE_ISSUED, msisdn, code, code.issuedAt(), donor).withActor(donor);
    return around(step, () -> super.storeCode(msisdn, code, seen));
  }

  @Override
  public boolean clearCode(Msisdn msisdn, byte[] hash) {
    NumberState state = number(msisdn);
    Optional<NumberState.StoredCode> code = state.code().filter(c -> java.util.Arrays.equals(c.hash(), hash));
    if (code.isEmpty()) {
      return super.clearCode(msisdn, hash); // not this code any more: the write will not apply
    }
    AuditStep step = codeStep(AuditKind.CODE_EXPIRED, msisdn, code.get(), code.get().expiresAt(),
        serving(msisdn, state));
    return around(step, () -> super.clearCode(msisdn, hash));
  }

  @Override
  public Optional<NumberState> countMismatch(Msisdn msisdn, NumberState seen, boolean voids) {
    if (!voids) {
      return super.countMismatch(msisdn, seen, voids);
    }
    NumberState.StoredCode code = seen.code().orElseThrow();
    AuditStep step = codeStep(AuditKind.CODE_VOIDED, msisdn, code, steps.now(), serving(msisdn, seen))
        .withReason("TOO_MANY_MISMATCHES");
    Optional<NumberState> result = stamping(List.of(step), trail.intend(step),
        () -> super.countMismatch(msisdn, seen, voids));
    outcome(step, result.isEmpty());
    return result;
  }

  @Override
  public void recordMismatch(CarrierId recipient, Instant at, UUID portId, Msisdn msisdn, int mismatch,
      boolean voided) {
    super.recordMismatch(recipient, at, portId, msisdn, mismatch, voided);
    trail.record(AuditStep.of(UUID.randomUUID(), AuditKind.REFUSED_CODE_MISMATCH, at)
        .about(portId.toString(), msisdn.toString()).withActor(recipient).withReason("CODE_MISMATCH")
        .with("donor", serving(msisdn, number(msisdn)).value()).with("mismatches", String.valueOf(mismatch)));
  }

  @Override
  public boolean returnNumber(Msisdn msisdn, CarrierId carrier, long routeVersion) {
    AuditStep step = AuditStep.of(UUID.randomUUID(), AuditKind.NUMBER_RETURNED, steps.now())
        .about(msisdn.toString(), msisdn.toString()).withActor(carrier)
        .with("routeVersion", String.valueOf(routeVersion + 1)).withRow(new StepRow.NumberRow(msisdn.toString()));
    return around(step, () -> super.returnNumber(msisdn, carrier, routeVersion));
  }

  @Override
  public void recordFact(UUID portId, String fact, CarrierId carrier, Instant at) {
    PortSteps.Activated known = activated.get(portId);
    Optional<AuditStep> step = (known != null ? Optional.of(known) : port(portId).map(steps::activated))
        .flatMap(port -> steps.fact(port, fact, carrier, at));
    if (step.isEmpty()) {
      super.recordFact(portId, fact, carrier, at);
      return;
    }
    around(step.get(), () -> {
      super.recordFact(portId, fact, carrier, at);
      return true;
    });
  }

  @Override
  public boolean createQuery(EligibilityQuery query, byte[] subscriberDigest, byte[] sealedSubscriber) {
    return around(steps.queryOpened(query, subscriberDigest),
        () -> super.createQuery(query, subscriberDigest, sealedSubscriber));
  }

  @Override
  public boolean closeQuery(EligibilityQuery before, EligibilityQuery after, Instant at) {
    return around(steps.queryClosed(before, after, at), () -> super.closeQuery(before, after, at));
  }

  /** Intent, the write carrying the step's id (sent once the intent is durable), then its outcome. */
  private boolean around(AuditStep step, Supplier<Boolean> write) {
    boolean applied = stamping(List.of(step), trail.intend(step), write);
    outcome(step, applied);
    return applied;
  }

  /**
   * The write carrying the ids of {@code made}, sent once {@code intents} are durable ({@link WriteSteps}). A write
   * that throws may still have applied (a conditional write that timed out): its steps are {@link
   * AuditTrail#undecided}, their intents left open for a sweep to judge.
   */
  private <T> T stamping(List<AuditStep> made, CompletionStage<Void> intents, Supplier<T> write) {
    Set<UUID> ids = new HashSet<>();
    made.forEach(step -> ids.add(step.id()));
    try {
      return WriteSteps.stamping(ids, intents, write);
    } catch (RuntimeException e) {
      made.forEach(trail::undecided);
      throw e;
    }
  }

  private void outcome(AuditStep step, boolean applied) {
    if (applied) {
      trail.applied(step);
    } else {
      trail.abandoned(step);
    }
  }

  private AuditStep codeStep(AuditKind kind, Msisdn msisdn, NumberState.StoredCode code, Instant at,
      CarrierId donor) {
    return AuditStep.of(UUID.randomUUID(), kind, at)
        .about(UUID.nameUUIDFromBytes(code.hash()).toString(), msisdn.toString())
        .with("donor", donor.value()).withDeadline(code.expiresAt())
        .withRow(new StepRow.NumberRow(msisdn.toString()));
  }

  private CarrierId serving(Msisdn msisdn, NumberState state) {
    return state.servingCarrier().or(() -> plan.rangeOf(msisdn).map(range -> range.holder())).orElseThrow();
  }
}
