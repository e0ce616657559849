package npc.gateway.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import npc.core.carrier.CarrierId;
import npc.gateway.server.dispatch.FairWorkers;
import org.junit.jupiter.api.Test;

/** At a stop, the requests running are answered, and none starts after. */
class WorkerDrainTest {
  private static final CarrierId CU = new CarrierId("CU");
  private final FairWorkers workers = new FairWorkers(2, 16, 2, 2, 16, Thread::new);
  private final List<String> answered = new CopyOnWriteArrayList<>();

  @Test
  void requestsRunningAtTheStopAreAllAnsweredAndNoneStartsAfter() throws Exception {
    CountDownLatch running = new CountDownLatch(2);
    CountDownLatch release = new CountDownLatch(1);
    for (String id : List.of("r-1", "r-2")) {
      workers.execute(CU, () -> {
        running.countDown();
        await(release);
        answered.add(id);
      });
    }
    for (String id : List.of("q-1", "q-2", "q-3")) {
      workers.execute(CU, () -> answered.add(id));
    }
    assertThat(running.await(10, TimeUnit.SECONDS)).isTrue();

    CompletableFuture<WorkerDrain.Outcome> stop = CompletableFuture.supplyAsync(() ->
        WorkerDrain.drain(workers, 10_000));
    Thread.sleep(100);
    release.countDown();
    WorkerDrain.Outcome outcome = stop.get(20, TimeUnit.SECONDS);

    assertThat(answered).containsExactlyInAnyOrder("r-1", "r-2");
    assertThat(outcome).isEqualTo(new WorkerDrain.Outcome(3, true));
    assertThatThrownBy(() -> workers.execute(CU, () -> answered.add("late")))
        .as("a request read after the stop is refused, for the dispatcher to answer BUSY")
        .isInstanceOf(RejectedExecutionException.class);
  }

  @Test
  void aRequestThatDoesNotFinishInTimeDoesNotHoldTheStopForever() {
    CountDownLatch never = new CountDownLatch(1);
    CountDownLatch started = new CountDownLatch(1);
    workers.execute(CU, () -> {
      started.countDown();
      await(never);
    });
    await(started);
    assertThat(WorkerDrain.drain(workers, 200).finished()).isFalse();
    never.countDown();
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
