package npc.audit.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.datastax.oss.driver.api.core.cql.BatchStatement;
import com.datastax.oss.driver.api.core.cql.BatchableStatement;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import com.datastax.oss.driver.api.core.cql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.Test;

/** Group commit: what leaves alone, what gathers, by partition, up to the row limit, and what a failure fails. */
class PartitionBatcherTest {
  /** The requests sent, each answered when the test says. */
  private final List<Statement<?>> sent = new ArrayList<>();
  private final List<CompletableFuture<Void>> answers = new ArrayList<>();

  private CompletionStage<?> send(Statement<?> request) {
    CompletableFuture<Void> answer = new CompletableFuture<>();
    sent.add(request);
    answers.add(answer);
    return answer;
  }

  @Test
  void aWriteLeavesAtOnceAloneWhenNothingIsInFlight() {
    PartitionBatcher<BatchableStatement<?>> batcher = PartitionBatcher.statements(this::send, 1, 10);
    CompletableFuture<Void> done = batcher.write("minute-1", row(1));

    assertThat(sent).containsExactly(row(1));
    assertThat(done).isNotDone();
    answers.get(0).complete(null);
    assertThat(done).isCompleted();
  }

  @Test
  void writesArrivingWhileARequestIsOutLeaveTogetherOneBatchPerPartition() {
    PartitionBatcher<BatchableStatement<?>> batcher = PartitionBatcher.statements(this::send, 1, 10);
    CompletableFuture<Void> first = batcher.write("a", row(1));
    CompletableFuture<Void> second = batcher.write("a", row(2));
    CompletableFuture<Void> third = batcher.write("b", row(3));
    CompletableFuture<Void> fourth = batcher.write("a", row(4));
    assertThat(sent).hasSize(1);

    answers.get(0).complete(null);
    assertThat(first).isCompleted();
    assertThat(sent).hasSize(2);
    assertThat(rows(sent.get(1))).containsExactly(row(2), row(4));
    assertThat(second).isNotDone();

    answers.get(1).complete(null);
    assertThat(second).isCompleted();
    assertThat(fourth).isCompleted();
    assertThat(sent).hasSize(3);
    assertThat(sent.get(2)).isEqualTo(row(3));
    answers.get(2).complete(null);
    assertThat(third).isCompleted();
  }

  @Test
  void aBatchHoldsAtMostMaxRowsAndTheRestLeaveNext() {
    PartitionBatcher<BatchableStatement<?>> batcher = PartitionBatcher.statements(this::send, 1, 2);
    batcher.write("a", row(0));
    for (int i = 1; i <= 5; i++) {
      batcher.write("a", row(i));
    }
    answers.get(0).complete(null);
    answers.get(1).complete(null);
    answers.get(2).complete(null);

    assertThat(sent).hasSize(4);
    assertThat(rows(sent.get(1))).containsExactly(row(1), row(2));
    assertThat(rows(sent.get(2))).containsExactly(row(3), row(4));
    assertThat(sent.get(3)).isEqualTo(row(5));
  }

  @Test
  void aFailedBatchFailsEachOfItsWritesAndTheNextBatchStillLeaves() {
    PartitionBatcher<BatchableStatement<?>> batcher = PartitionBatcher.statements(this::send, 1, 10);
    batcher.write("a", row(0));
    CompletableFuture<Void> second = batcher.write("a", row(1));
    CompletableFuture<Void> third = batcher.write("a", row(2));
    answers.get(0).complete(null);
    batcher.write("a", row(3));

    answers.get(1).completeExceptionally(new IllegalStateException("write timeout"));

    assertThatThrownBy(second::join).isInstanceOf(CompletionException.class).hasMessageContaining("write timeout");
    assertThatThrownBy(third::join).isInstanceOf(CompletionException.class);
    assertThat(sent).hasSize(3);
    assertThat(sent.get(2)).isEqualTo(row(3));
  }

  @Test
  void upToMaxInFlightRequestsAreOutAtOnce() {
    PartitionBatcher<BatchableStatement<?>> batcher = PartitionBatcher.statements(this::send, 2, 10);
    batcher.write("a", row(1));
    batcher.write("a", row(2));
    batcher.write("a", row(3));

    assertThat(sent).containsExactly(row(1), row(2));
  }

  @Test
  void withALingerAWriteWaitsForOthersEvenWithNothingInFlightThenLeavesWithThem() {
    PartitionBatcher<BatchableStatement<?>> batcher = lingering(10);
    CompletableFuture<Void> first = batcher.write("a", row(1));
    now += 4_000_000;
    batcher.write("a", row(2));
    batcher.write("b", row(3));
    assertThat(sent).isEmpty();
    assertThat(wakes).containsExactly(10_000_000L); // the first write's linger, from when it arrived

    now += 6_000_000;
    wakeUp();
    assertThat(sent).hasSize(1);
    assertThat(rows(sent.get(0))).containsExactly(row(1), row(2));
    answers.get(0).complete(null);
    assertThat(first).isCompleted();
    assertThat(sent).hasSize(1);
    assertThat(wakes).containsExactly(4_000_000L); // b's linger, not over yet

    now += 4_000_000;
    wakeUp();
    assertThat(sent).hasSize(2);
    assertThat(sent.get(1)).isEqualTo(row(3));
  }

  @Test
  void aWriteSomebodyWaitsForLeavesAtOnceWithWhatItsPartitionGathered() {
    PartitionBatcher<BatchableStatement<?>> batcher = lingering(10);
    batcher.write("a", row(1));
    batcher.write("b", row(2));
    CompletableFuture<Void> awaited = batcher.writeNow("a", row(3));

    assertThat(sent).hasSize(1);
    assertThat(rows(sent.get(0))).containsExactly(row(1), row(3));
    answers.get(0).complete(null);
    assertThat(awaited).isCompleted();
    assertThat(sent).hasSize(1); // b still lingers
  }

  @Test
  void aLingeringPartitionLeavesAtOnceWhenItsBatchIsFull() {
    PartitionBatcher<BatchableStatement<?>> batcher = lingering(10);
    batcher.write("a", row(1));
    batcher.write("a", row(2));
    assertThat(sent).isEmpty();
    batcher.write("a", row(3));

    assertThat(sent).hasSize(1);
    assertThat(rows(sent.get(0))).containsExactly(row(1), row(2), row(3));
  }

  /** Time as the test sets it, in nanoseconds, and the wake-ups asked for, by their delay. */
  private long now;
  private final List<Long> wakes = new ArrayList<>();
  private final List<Runnable> wakeTasks = new ArrayList<>();

  /** At most one request out, three rows a batch, a linger of {@code millis}, time and wake-ups the test's. */
  private PartitionBatcher<BatchableStatement<?>> lingering(long millis) {
    return new PartitionBatcher<>(this::send, 1, 3, millis * 1_000_000, () -> now, (task, delay) -> {
      wakes.add(delay);
      wakeTasks.add(task);
    }, (partition, rows) -> rows.size() == 1 ? rows.get(0)
        : BatchStatement.newInstance(com.datastax.oss.driver.api.core.cql.DefaultBatchType.UNLOGGED,
            new ArrayList<>(rows)));
  }

  /** Runs the wake-up asked for last, as the timer would. */
  private void wakeUp() {
    assertThat(wakeTasks).hasSize(1);
    Runnable task = wakeTasks.remove(0);
    wakes.clear();
    task.run();
  }

  /** One statement object per row, so that a request is recognised by the very rows it carries. */
  private static final List<SimpleStatement> ROWS = java.util.stream.IntStream.range(0, 10)
      .mapToObj(i -> SimpleStatement.newInstance("INSERT INTO t (k, v) VALUES ('a', " + i + ")")).toList();

  private static SimpleStatement row(int i) {
    return ROWS.get(i);
  }

  private static List<BatchableStatement<?>> rows(Statement<?> request) {
    assertThat(request).isInstanceOf(BatchStatement.class);
    List<BatchableStatement<?>> rows = new ArrayList<>();
    ((BatchStatement) request).forEach(rows::add);
    return rows;
  }
}
