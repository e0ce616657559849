package npc.core.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.Proxy;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import npc.core.carrier.CarrierId;
import npc.core.numbering.Msisdn;
import npc.core.numbering.NumberPlan;
import npc.core.port.PortState;
import npc.core.porting.NumberState;
import npc.core.porting.Port;
import npc.core.porting.PortStore;
import npc.core.porting.SubscriberType;
import npc.core.regime.RegimeLoader;
import npc.core.testing.MutableClock;
import org.junit.jupiter.api.Test;

/**
 * The entries the store decorator makes, against the contract of {@code audit/docs/detectors.md}: per group of kinds,
 * the actor, reason, evidence, deadline and states; and the protocol around a write (intent, the step id in the write,
 * then applied or abandoned).
 */
class AuditingPortStoreTest {
  private static final CarrierId CM = new CarrierId("CM");
  private static final CarrierId CU = new CarrierId("CU");
  private static final Instant T0 = Instant.parse("2026-10-01T08:00:00.000Z");
  private static final Instant TOLD = T0.plusSeconds(2);

  private final NumberPlan plan = RegimeLoader.builtIn("cn").numbers();
  private final Msisdn number = plan.parse("13800138000").orElseThrow();
  private final MutableClock clock = new MutableClock(T0);
  private final Recording trail = new Recording();
  private final List<Set<UUID>> stampedWrites = new ArrayList<>();
  private boolean writesApply = true;
  private boolean writesThrow;
  private final AuditingPortStore store = new AuditingPortStore(fakeStore(), trail,
      new PortSteps(Duration.ofMinutes(15), (carrier, subject) -> carrier.equals(CM) ? Optional.of(TOLD)
          : Optional.empty(), clock), plan);

  @Test
  void aPortOpenedNamesItsRecipientChannelDonorDeadlineAndSubscriberDigest() {
    Port port = pending();
    store.openPort(port, new byte[] {1, 2}, "key", NumberState.EMPTY);

    AuditStep step = trail.applied.get(0);
    assertThat(step.kind()).isEqualTo(AuditKind.PORT_OPENED);
    assertThat(step.actor()).contains("CU");
    assertThat(step.evidence()).containsExactlyInAnyOrderEntriesOf(Map.of("donor", "CM", "recipient", "CU",
        "channel", "outlet-7", "subscriberType", "INDIVIDUAL"));
    assertThat(step.deadline()).contains(port.donorDeadline());
    assertThat(step.stateBefore()).contains("SUBMITTED");
    assertThat(step.stateAfter()).contains("PENDING_DONOR");
    assertThat(step.subscriber()).contains("0102");
    assertThat(step.subject()).contains(port.id().toString());
    assertThat(step.msisdn()).contains(number.toString());
  }

  @Test
  void theDonorsAnswersCarryTheDonorAsActorAndARejectionItsReasonAndEvidence() {
    Port port = pending();
    Instant at = T0.plusSeconds(60);
    store.transition(port, port.answered(PortState.ACCEPTED, at, false, Optional.empty(), Map.of(), List.of()));
    store.transition(port, port.answered(PortState.REJECTED_BY_DONOR, at, false, Optional.of("UNPAID_CHARGES"),
        Map.of("amount_fen", "5000", "billing_period", "2026-08"), List.of()));

    AuditStep accepted = trail.applied.get(0);
    assertThat(accepted.kind()).isEqualTo(AuditKind.PORT_ACCEPTED);
    assertThat(accepted.actor()).contains("CM");
    assertThat(accepted.at()).isEqualTo(at);
    assertThat(accepted.stateAfter()).contains("ACCEPTED");
    AuditStep rejected = trail.applied.get(1);
    assertThat(rejected.kind()).isEqualTo(AuditKind.PORT_REJECTED_BY_DONOR);
    assertThat(rejected.actor()).contains("CM");
    assertThat(rejected.reason()).contains("UNPAID_CHARGES");
    assertThat(rejected.evidence()).containsExactlyInAnyOrderEntriesOf(Map.of("amount_fen", "5000",
        "billing_period", "2026-08", "donor", "CM", "recipient", "CU", "openedAt", "2026-10-01T08:00:00.000Z"));
    assertThat(accepted.evidence()).containsExactlyInAnyOrderEntriesOf(
        Map.of("donor", "CM", "recipient", "CU", "openedAt", "2026-10-01T08:00:00.000Z"));
    assertThat(rejected.deadline()).contains(port.donorDeadline());
  }

  @Test
  void deadlineStepsHaveNoActorAndNameTheDonorAndWhenItWasTold() {
    Port port = pending();
    clock.set(port.donorDeadline());
    store.transition(port, port.answered(PortState.DEEMED_ACCEPTED, port.donorDeadline(), true, Optional.empty(),
        Map.of(), List.of()));
    Port extended = port.withDonorDeadline(port.donorDeadline().plusSeconds(90));
    store.extendDeadline(port, extended);

    AuditStep deemed = trail.applied.get(0);
    assertThat(deemed.kind()).isEqualTo(AuditKind.PORT_DEEMED_ACCEPTED);
    assertThat(deemed.actor()).isEmpty();
    assertThat(deemed.evidence()).containsExactlyInAnyOrderEntriesOf(
        Map.of("donor", "CM", "recipient", "CU", "toldAt", "2026-10-01T08:00:02.000Z"));
    assertThat(deemed.deadline()).contains(port.donorDeadline());
    AuditStep moved = trail.applied.get(1);
    assertThat(moved.kind()).isEqualTo(AuditKind.DONOR_DEADLINE_EXTENDED);
    assertThat(moved.reason()).contains("NOTICE_LATE");
    assertThat(moved.evidence()).containsEntry("previousDeadline", AuditStep.instant(port.donorDeadline()))
        .containsEntry("toldAt", "2026-10-01T08:00:02.000Z").containsEntry("donor", "CM");
    assertThat(moved.deadline()).contains(extended.donorDeadline());
  }

  @Test
  void aCancellationIsTheRecipientsAndACompletionWithLaggardsNamesThem() {
    Port port = pending();
    store.transition(port, port.ended(PortState.CANCELLED, T0.plusSeconds(5), Map.of()));
    Port activated = port.answered(PortState.ACCEPTED, T0, false, Optional.empty(), Map.of(), List.of())
        .scheduled(T0.plusSeconds(3600)).activated(T0.plusSeconds(3600), Set.of(CM, CU));
    store.transition(activated, activated.ended(PortState.COMPLETED_WITH_LAGGARDS, T0.plusSeconds(4500),
        Map.of(new CarrierId("CT"), Set.of(Port.ACK), CM, Set.of(Port.DEACTIVATED))));

    AuditStep cancelled = trail.applied.get(0);
    assertThat(cancelled.kind()).isEqualTo(AuditKind.PORT_CANCELLED);
    assertThat(cancelled.actor()).contains("CU");
    assertThat(cancelled.evidence()).containsEntry("donor", "CM").containsEntry("toldAt", "2026-10-01T08:00:02.000Z");
    assertThat(cancelled.stateBefore()).contains("PENDING_DONOR");
    AuditStep laggards = trail.applied.get(1);
    assertThat(laggards.kind()).isEqualTo(AuditKind.PORT_COMPLETED_WITH_LAGGARDS);
    assertThat(laggards.evidence()).containsEntry("laggards", "CM,CT").containsEntry("ackLaggards", "CT");
    assertThat(laggards.deadline()).contains(T0.plusSeconds(3600).plus(Duration.ofMinutes(15)));
  }

  @Test
  void anActivationNamesWhoMustAcknowledgeAndWhenTheDonorMustDeactivate() {
    Port scheduled = pending().answered(PortState.ACCEPTED, T0, false, Optional.empty(), Map.of(), List.of())
        .scheduled(T0.plusSeconds(3600));
    store.activate(scheduled, scheduled.activated(T0.plusSeconds(3600), Set.of(CM, CU)), 0);

    AuditStep step = trail.applied.get(0);
    assertThat(step.kind()).isEqualTo(AuditKind.PORT_ACTIVATED);
    assertThat(step.evidence()).containsExactlyInAnyOrderEntriesOf(Map.of("donor", "CM", "recipient", "CU", "carriers", "CM,CU",
        "deactivateBy", "2026-10-01T09:15:00.000Z"));
    assertThat(step.deadline()).contains(Instant.parse("2026-10-01T09:15:00.000Z"));
  }

  @Test
  void aReversalNamesWhoApprovedItAsActorAndTheApprovalReference() {
    Port completed = pending().answered(PortState.ACCEPTED, T0, false, Optional.empty(), Map.of(), List.of())
        .scheduled(T0.plusSeconds(3600)).activated(T0.plusSeconds(3600), Set.of(CM, CU))
        .ended(PortState.COMPLETED, T0.plusSeconds(4000), Map.of());
    store.reverse(completed, completed.reversed(T0.plusSeconds(9000), "MIIT-2026-7"), "REGULATOR:0a1b2c3d4e5f", 1,
        Optional.empty(), Optional.empty());

    AuditStep step = trail.applied.get(0);
    assertThat(step.kind()).isEqualTo(AuditKind.PORT_REVERSED);
    assertThat(step.actor()).contains("REGULATOR:0a1b2c3d4e5f");
    assertThat(step.evidence()).containsEntry("reference", "MIIT-2026-7").containsEntry("donor", "CM");
    assertThat(step.stateBefore()).contains("COMPLETED");
    assertThat(step.stateAfter()).contains("REVERSED");
  }

  @Test
  void anActorThatIsNotACarrierMustNameItsRole() {
    AuditStep step = AuditStep.of(UUID.randomUUID(), AuditKind.PORT_REVERSED, T0);
    assertThatThrownBy(() -> step.withActorName("CM"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ROLE:<id>");
  }

  @Test
  void aCodeMismatchIsRecordedAsARefusalWithTheCountAndNoIntent() {
    store.recordMismatch(CU, T0, UUID.randomUUID(), number, 2, false);

    assertThat(trail.intended).isEmpty();
    AuditStep step = trail.recorded.get(0);
    assertThat(step.kind()).isEqualTo(AuditKind.REFUSED_CODE_MISMATCH);
    assertThat(step.actor()).contains("CU");
    assertThat(step.reason()).contains("CODE_MISMATCH");
    assertThat(step.evidence()).containsEntry("mismatches", "2").containsKey("donor");
  }

  @Test
  void theIntentComesBeforeTheWriteWhichCarriesTheStepIdAndAWriteThatFailsIsAbandoned() {
    Port port = pending();
    store.transition(port, port.answered(PortState.ACCEPTED, T0, false, Optional.empty(), Map.of(), List.of()));
    writesApply = false;
    store.transition(port, port.answered(PortState.ACCEPTED, T0, false, Optional.empty(), Map.of(), List.of()));

    assertThat(trail.intended).hasSize(2);
    assertThat(stampedWrites).containsExactly(Set.of(trail.intended.get(0).id()), Set.of(trail.intended.get(1).id()));
    assertThat(trail.applied).extracting(AuditStep::id).containsExactly(trail.intended.get(0).id());
    assertThat(trail.abandoned).extracting(AuditStep::id).containsExactly(trail.intended.get(1).id());
    assertThat(trail.intended.get(0).row()).contains(new StepRow.PortRow(number.toString(), port.id()));
    assertThat(WriteSteps.current()).as("no id outlives its write").isEmpty();
  }

  @Test
  void aWriteThatThrowsLeavesItsStepUndecidedForTheSweepNeitherAppliedNorAbandoned() {
    Port port = pending();
    writesThrow = true;

    assertThatThrownBy(() -> store.transition(port, port.answered(PortState.ACCEPTED, T0, false, Optional.empty(),
        Map.of(), List.of()))).hasMessage("write timed out");
    assertThat(trail.undecided).extracting(AuditStep::id).containsExactly(trail.intended.get(0).id());
    assertThat(trail.applied).isEmpty();
    assertThat(trail.abandoned).isEmpty();
  }

  private Port pending() {
    return Port.opened(UUID.randomUUID(), number, "order-1", "outlet-7", CU, CM, SubscriberType.INDIVIDUAL, T0,
        T0.plus(Duration.ofMinutes(30)));
  }

  /** A store whose every write applies (or none, with {@code writesApply} false), noting the step ids it carried. */
  private PortStore fakeStore() {
    return (PortStore) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {PortStore.class},
        (proxy, method, args) -> {
          Class<?> type = method.getReturnType();
          if (type == boolean.class) {
            stampedWrites.add(WriteSteps.current());
            if (writesThrow) {
              throw new IllegalStateException("write timed out");
            }
            return writesApply;
          }
          if (type == Optional.class) {
            if (method.getName().equals("openPort") || method.getName().equals("countMismatch")) {
              stampedWrites.add(WriteSteps.current());
              return writesApply ? Optional.empty() : Optional.of(NumberState.EMPTY);
            }
            return Optional.empty();
          }
          return type == NumberState.class ? NumberState.EMPTY : null;
        });
  }

  private static final class Recording implements AuditTrail {
    final List<AuditStep> intended = new ArrayList<>();
    final List<AuditStep> applied = new ArrayList<>();
    final List<AuditStep> abandoned = new ArrayList<>();
    final List<AuditStep> recorded = new ArrayList<>();
    final List<AuditStep> undecided = new ArrayList<>();

    @Override
    public CompletionStage<Void> intend(AuditStep step) {
      intended.add(step);
      return CompletableFuture.completedFuture(null);
    }

    @Override
    public void applied(AuditStep step) {
      applied.add(step);
    }

    @Override
    public void abandoned(AuditStep step) {
      abandoned.add(step);
    }

    @Override
    public void undecided(AuditStep step) {
      undecided.add(step);
    }

    @Override
    public void record(AuditStep step) {
      recorded.add(step);
    }
  }
}
