package npc.core.porting;

import static npc.core.porting.CoreFixture.CM;
import static npc.core.porting.CoreFixture.CT;
import static npc.core.porting.CoreFixture.CU;
import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import npc.core.audit.AuditKind;
import npc.core.audit.AuditStep;
import npc.core.audit.AuditTrail;
import npc.core.deadline.DeadlineShare;
import npc.core.store.CassandraDeadlineStore;
import npc.core.store.CassandraPortStore;
import npc.core.store.CassandraRoutingLog;
import npc.core.store.CassandraStores;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The refusals by a rule are recorded before the carrier is answered, each with what the entry contract
 * ({@code audit/docs/detectors.md}) lists for its kind: the refused carrier, the code it sent, the evidence it sent
 * and what the refusal adds ({@code refusal}, {@code failed}, {@code refutedBy} and the refuting data, the deadline).
 */
class RefusalEntriesIT {
  private static CoreFixture core;
  private static PortingService service;
  private static final List<AuditStep> recorded = new ArrayList<>();

  @BeforeAll
  static void start() {
    core = new CoreFixture("refusal_entries", "cn", "138");
    var session = core.database.session();
    CassandraDeadlineStore deadlines = new CassandraDeadlineStore(session);
    AuditTrail trail = new AuditTrail() {
      @Override
      public CompletionStage<Void> intend(AuditStep step) {
        return CompletableFuture.completedFuture(null);
      }

      @Override
      public void applied(AuditStep step) {}

      @Override
      public void abandoned(AuditStep step) {}

      @Override
      public void record(AuditStep step) {
        recorded.add(step);
      }
    };
    service = new PortingService(core.regime, new CassandraPortStore(session, core.regime.numbers()), deadlines,
        CassandraStores.deadlineShare(session, deadlines, DeadlineShare.DEFAULT_LEASE, core.clock),
        new CassandraRoutingLog(session, core.regime.numbers()), core.events, CoreFixture.DIGESTER, core.clock,
        new SecureRandom(), trail);
  }

  @AfterAll
  static void stop() {
    core.close();
  }

  @Test
  void closedListRefusalsNameTheCarrierTheCodeItsEvidenceAndWhatRefutedIt() {
    Port opened = core.open(CM, CU, core.freshNumber());
    recorded.clear();
    service.answer(new DonorAnswer.Reject(CM, opened.id(), "VALUE_ADDED_SERVICES", Map.of("vas", "ringtone"),
        List.of()));
    service.answer(new DonorAnswer.Reject(CM, opened.id(), "UNPAID_CHARGES",
        Map.of("amount_fen", "0", "billing_period", "2026-10"), List.of()));
    service.answer(new DonorAnswer.Reject(CM, opened.id(), "LOCK_PERIOD", Map.of(), List.of()));

    assertThat(recorded).extracting(AuditStep::kind).containsExactly(AuditKind.REFUSED_OFF_LIST_REASON,
        AuditKind.REFUSED_INVALID_EVIDENCE, AuditKind.REFUSED_REFUTED_CLAIM);
    assertThat(recorded).allSatisfy(step -> {
      assertThat(step.actor()).contains("CM");
      assertThat(step.subject()).contains(opened.id().toString());
    });
    assertThat(recorded.get(0).reason()).contains("VALUE_ADDED_SERVICES");
    assertThat(recorded.get(0).evidence()).containsEntry("vas", "ringtone")
        .containsEntry("refusal", "REASON_NOT_ON_LIST");
    assertThat(recorded.get(1).evidence()).containsEntry("amount_fen", "0")
        .containsEntry("refusal", "EVIDENCE_INVALID").containsKey("failed");
    assertThat(recorded.get(2).reason()).contains("LOCK_PERIOD");
    assertThat(recorded.get(2).evidence()).containsEntry("refutedBy", "lastPortedAt")
        .containsEntry("lastPortedAt", "never");
  }

  @Test
  void anAnswerFromAnotherCarrierAndAnAnswerPastTheDeadlineAreRecordedWithTheDeadline() {
    Port opened = core.open(CM, CU, core.freshNumber());
    recorded.clear();
    service.answer(new DonorAnswer.Accept(CT, opened.id(), List.of()));
    core.clock.set(opened.donorDeadline().plus(Duration.ofSeconds(1)));
    service.answer(new DonorAnswer.Accept(CM, opened.id(), List.of()));

    assertThat(recorded).extracting(AuditStep::kind)
        .containsExactly(AuditKind.REFUSED_NOT_A_PARTY, AuditKind.REFUSED_AFTER_DEADLINE);
    assertThat(recorded.get(0).actor()).contains("CT");
    assertThat(recorded.get(1).actor()).contains("CM");
    assertThat(recorded.get(1).reason()).contains("DEADLINE_PASSED");
    assertThat(recorded).allSatisfy(step -> assertThat(step.deadline()).contains(opened.donorDeadline()));
  }
}
