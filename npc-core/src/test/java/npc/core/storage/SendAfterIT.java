package npc.core.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.AsyncResultSet;
import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executors;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import npc.core.storage.testing.TestCassandra;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Statements sent inside {@link SendAfter#sendingAfter} leave only once its stage completed, on the real node: what
 * lets the audit's intent be durable before a step's write without the caller waking up in between.
 */
class SendAfterIT {
  private static Database database;
  private static CqlSession session;
  private static final ExecutorService CALLERS = Executors.newCachedThreadPool();

  @BeforeAll
  static void open() {
    database = TestCassandra.freshDatabase("send_after");
    session = database.session();
    session.execute("CREATE TABLE IF NOT EXISTS send_after (k int PRIMARY KEY, v int)");
  }

  @AfterAll
  static void close() {
    CALLERS.shutdownNow();
    database.close();
  }

  @Test
  void aStatementWaitsForTheStageAndIsSentOnceItCompletes() throws Exception {
    CompletableFuture<Void> intent = new CompletableFuture<>();
    Future<Boolean> write = CALLERS.submit(() -> SendAfter.sendingAfter(intent,
        () -> session.execute(insert(1)).wasApplied()));
    Thread.sleep(300);
    assertThat(write).as("the caller still waits").isNotDone();
    assertThat(value(1)).as("nothing sent before the stage completed").isNull();
    intent.complete(null);
    assertThat(write.get(10, TimeUnit.SECONDS)).isTrue();
    assertThat(value(1)).isEqualTo(1);
  }

  @Test
  void aStageThatFailsSendsNothingAndItsFailureIsThrownAsItIs() throws Exception {
    CompletableFuture<Void> intent = new CompletableFuture<>();
    Future<Boolean> write = CALLERS.submit(() -> {
      try (RequestWrites writes = RequestWrites.open()) {
        try {
          SendAfter.sendingAfter(intent, () -> session.execute(insert(2)));
          return false;
        } catch (IllegalStateException e) {
          assertThat(e).hasMessage("the intent could not be written");
          return writes.nothingWritten();
        }
      }
    });
    intent.completeExceptionally(new IllegalStateException("the intent could not be written"));
    assertThat(write.get(10, TimeUnit.SECONDS)).as("thrown as it failed, and known to have written nothing")
        .isTrue();
    Thread.sleep(200);
    assertThat(value(2)).isNull();
  }

  @Test
  void anAsynchronousStatementReturnsAtOnceAndIsSentByTheThreadThatCompletesTheStage() throws Exception {
    CompletableFuture<Void> intent = new CompletableFuture<>();
    CompletionStage<AsyncResultSet> sent = SendAfter.sendingAfter(intent, () -> session.executeAsync(insert(3)));
    Thread.sleep(300);
    assertThat(sent.toCompletableFuture()).isNotDone();
    assertThat(value(3)).isNull();
    Thread completing = new Thread(() -> intent.complete(null));
    completing.start();
    assertThat(sent.toCompletableFuture().get(10, TimeUnit.SECONDS).wasApplied()).isTrue();
    assertThat(value(3)).isEqualTo(3);
  }

  @Test
  void aReadOfManyPagesAfterTheStageReturnsEveryRow() {
    for (int k = 100; k < 125; k++) {
      session.execute(insert(k));
    }
    List<Integer> read = new ArrayList<>();
    CompletableFuture<Void> intent = new CompletableFuture<>();
    CALLERS.submit(() -> intent.complete(null));
    SendAfter.sendingAfter(intent, () -> {
      for (Row row : session.execute(SimpleStatement.newInstance(
          "SELECT k FROM send_after WHERE k IN (" + keys(100, 125) + ")").setPageSize(10))) {
        read.add(row.getInt("k"));
      }
      return null;
    });
    assertThat(read).hasSize(25);
  }

  @Test
  void aStatementOutsideAndAfterTheScopeIsSentAtOnce() {
    CompletableFuture<Void> never = new CompletableFuture<>();
    SendAfter.sendingAfter(CompletableFuture.completedFuture(null), () -> session.execute(insert(4)));
    assertThat(value(4)).isEqualTo(4);
    Future<?> held = CALLERS.submit(() -> SendAfter.sendingAfter(never, () -> session.execute(insert(5))));
    assertThat(session.execute(insert(6)).wasApplied()).as("another thread's stage holds nothing here").isTrue();
    never.cancel(false);
    assertThatThrownBy(() -> held.get(10, TimeUnit.SECONDS)).hasCauseInstanceOf(
        java.util.concurrent.CancellationException.class);
    assertThat(value(5)).isNull();
  }

  private static SimpleStatement insert(int k) {
    return SimpleStatement.newInstance("INSERT INTO send_after (k, v) VALUES (?, ?)", k, k);
  }

  private static Integer value(int k) {
    Row row = session.execute(SimpleStatement.newInstance("SELECT v FROM send_after WHERE k = ?", k)).one();
    return row == null ? null : row.getInt("v");
  }

  private static String keys(int from, int to) {
    StringBuilder keys = new StringBuilder();
    for (int k = from; k < to; k++) {
      keys.append(k == from ? "" : ", ").append(k);
    }
    return keys.toString();
  }
}
