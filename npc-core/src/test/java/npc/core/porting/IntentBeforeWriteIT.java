package npc.core.porting;

import static npc.core.porting.CoreFixture.CM;
import static npc.core.porting.CoreFixture.CU;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.datastax.oss.driver.api.core.ConsistencyLevel;
import com.datastax.oss.driver.api.core.servererrors.WriteTimeoutException;
import com.datastax.oss.driver.api.core.servererrors.WriteType;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import npc.core.audit.AuditKind;
import npc.core.audit.AuditStep;
import npc.core.audit.AuditTrail;
import npc.core.deadline.DeadlineShare;
import npc.core.port.PortState;
import npc.core.store.CassandraRoutingLog;
import npc.core.store.CassandraStores;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A step's write leaves for the database only once its intent is durable, and never if the intent could not be
 * written: the order the audit's "nothing lost" rests on, kept now that the write is sent by the thread that learns
 * the intent is durable rather than by the caller after it woke up.
 */
class IntentBeforeWriteIT {
  private static CoreFixture core;
  private static PortingService audited;
  /** The intents of acceptances, held until the test lets them complete. */
  private static final Map<String, CompletableFuture<Void>> acceptances = new ConcurrentHashMap<>();
  private static final ExecutorService CALLERS = Executors.newCachedThreadPool();

  @BeforeAll
  static void start() {
    core = new CoreFixture("intent_before_write", "cn", "138");
    var session = core.database.session();
    AuditTrail trail = new AuditTrail() {
      @Override
      public CompletionStage<Void> intend(AuditStep step) {
        return step.kind() == AuditKind.PORT_ACCEPTED
            ? acceptances.computeIfAbsent(step.subject().orElseThrow(), port -> new CompletableFuture<>())
            : CompletableFuture.completedFuture(null);
      }

      @Override
      public void applied(AuditStep step) {}

      @Override
      public void abandoned(AuditStep step) {}

      @Override
      public void record(AuditStep step) {}
    };
    // As the service wires it: the audit outermost, around the notices, around the store.
    audited = CassandraStores.portingService(session, core.regime, core.events, CoreFixture.DIGESTER, core.clock,
        core.outbox, new CassandraRoutingLog(session, core.regime.numbers()), DeadlineShare.DEFAULT_LEASE, trail);
  }

  @AfterAll
  static void stop() {
    acceptances.values().forEach(intent -> intent.complete(null));
    CALLERS.shutdownNow();
    core.close();
  }

  @Test
  void anAcceptanceIsWrittenOnlyOnceItsIntentIsDurable() throws Exception {
    Port opened = core.open(CM, CU, core.freshNumber());
    CompletableFuture<Void> intent = intentOf(opened);
    Future<Result<Port>> answer = CALLERS.submit(() -> audited.answer(new DonorAnswer.Accept(CM, opened.id(),
        List.of())));
    Thread.sleep(500);
    assertThat(answer).as("the donor's call waits for the intent").isNotDone();
    assertThat(stateOf(opened)).as("nothing written while the intent is not durable")
        .isEqualTo(PortState.PENDING_DONOR);
    intent.complete(null);
    assertThat(answer.get(10, TimeUnit.SECONDS)).isInstanceOf(Done.class);
    assertThat(stateOf(opened)).isNotEqualTo(PortState.PENDING_DONOR);
  }

  @Test
  void anAcceptanceWhoseIntentCouldNotBeWrittenIsNeverWritten() throws Exception {
    Port opened = core.open(CM, CU, core.freshNumber());
    CompletableFuture<Void> intent = intentOf(opened);
    Future<Result<Port>> answer = CALLERS.submit(() -> audited.answer(new DonorAnswer.Accept(CM, opened.id(),
        List.of())));
    Thread.sleep(200);
    intent.completeExceptionally(new WriteTimeoutException(null, ConsistencyLevel.QUORUM, 0, 2, WriteType.SIMPLE));
    assertThatThrownBy(() -> answer.get(10, TimeUnit.SECONDS)).as("the intent's failure, as it failed")
        .cause().isInstanceOf(WriteTimeoutException.class);
    Thread.sleep(200);
    assertThat(stateOf(opened)).isEqualTo(PortState.PENDING_DONOR);
  }

  private static CompletableFuture<Void> intentOf(Port port) {
    return acceptances.computeIfAbsent(port.id().toString(), id -> new CompletableFuture<>());
  }

  private static PortState stateOf(Port port) {
    return core.service.port(port.id()).orElseThrow().state();
  }
}
