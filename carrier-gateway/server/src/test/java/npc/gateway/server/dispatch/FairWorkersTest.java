package npc.gateway.server.dispatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import npc.core.carrier.CarrierId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class FairWorkersTest {
  private static final CarrierId FLOODER = new CarrierId("CM");
  private static final CarrierId HONEST = new CarrierId("CU");

  private FairWorkers workers;

  @AfterEach
  void stop() {
    if (workers != null) {
      workers.shutdownNow();
    }
  }

  @Test
  void anHonestCarriersRequestRunsNextAfterTheRunningOneNotBehindAnothersFlood() throws Exception {
    workers = new FairWorkers(1, 1_000, 1, 1, 10_000, Thread::new);
    CountDownLatch hold = new CountDownLatch(1);
    List<String> ran = new CopyOnWriteArrayList<>();
    workers.execute(FLOODER, () -> await(hold));
    for (int i = 0; i < 500; i++) {
      workers.execute(FLOODER, () -> ran.add("flood"));
    }
    CountDownLatch honest = new CountDownLatch(1);
    workers.execute(HONEST, () -> {
      ran.add("honest");
      honest.countDown();
    });

    hold.countDown();

    assertThat(honest.await(5, TimeUnit.SECONDS)).isTrue();
    assertThat(ran.indexOf("honest")).as("requests run before the honest one").isLessThanOrEqualTo(1);
  }

  @Test
  void aCarrierBeyondItsQuotaAcrossAllItsConnectionsIsRefusedWhileAnotherIsServed() throws Exception {
    workers = new FairWorkers(2, 3, 2, 2, 10_000, Thread::new);
    CountDownLatch hold = new CountDownLatch(1);
    for (int i = 0; i < 3; i++) {
      workers.execute(FLOODER, () -> await(hold));
    }

    assertThatThrownBy(() -> workers.execute(FLOODER, () -> { })).isInstanceOf(FairWorkers.Saturated.class)
        .hasMessageContaining("CM has 3 requests in flight");
    CountDownLatch served = new CountDownLatch(1);
    workers.execute(HONEST, served::countDown);
    hold.countDown();
    assertThat(served.await(5, TimeUnit.SECONDS)).isTrue();
  }

  @Test
  void aCarrierRunsAtMostItsShareOfTheThreadsAndTheRestStayForTheOthers() throws Exception {
    workers = new FairWorkers(3, 100, 2, 2, 10_000, Thread::new);
    CountDownLatch hold = new CountDownLatch(1);
    for (int i = 0; i < 10; i++) {
      workers.execute(FLOODER, () -> await(hold));
    }
    CountDownLatch served = new CountDownLatch(1);
    workers.execute(HONEST, served::countDown);

    assertThat(served.await(5, TimeUnit.SECONDS)).as("served while the flooder's requests all block").isTrue();
    hold.countDown();
  }

  @Test
  void whileAnotherCarrierIsActiveAFloodersRunningShareHalvesAndItIsWholeAgainOnceTheOtherIsIdle() throws Exception {
    AtomicLong clock = new AtomicLong();
    workers = new FairWorkers(4, 100, 2, 2, 10_000, Thread::new, clock::get);
    Semaphore started = new Semaphore(0);
    Semaphore gate = new Semaphore(0);
    for (int i = 0; i < 8; i++) {
      workers.execute(FLOODER, () -> {
        started.release();
        gate.acquireUninterruptibly();
      });
    }
    assertThat(started.tryAcquire(2, 5, TimeUnit.SECONDS)).as("alone, the flooder runs its whole share").isTrue();

    CountDownLatch served = new CountDownLatch(1);
    workers.execute(HONEST, served::countDown);
    assertThat(served.await(5, TimeUnit.SECONDS)).isTrue();
    gate.release(2); // the flooder's two requests end while the honest carrier counts as active
    assertThat(started.tryAcquire(1, 5, TimeUnit.SECONDS)).isTrue();
    Thread.sleep(100); // time for a second start, which must not come
    assertThat(started.availablePermits()).as("flooder's requests started beside the active carrier").isZero();
    assertThat(workers.running(FLOODER)).isEqualTo(1);

    clock.addAndGet(FairWorkers.ACTIVE_NANOS); // the honest carrier has been idle for the window
    gate.release(1);
    assertThat(started.tryAcquire(2, 5, TimeUnit.SECONDS)).as("alone again: its whole share").isTrue();
    gate.release(100);
  }

  @Test
  void aBusyCarrierRunsBeyondItsShareInWhatQuietCarriersLeaveAndAnArrivingOneStillStartsAtOnce() throws Exception {
    workers = new FairWorkers(8, 100, 2, 6, 10_000, Thread::new);
    CarrierId[] quiet = {HONEST, new CarrierId("CT"), new CarrierId("CBN")};
    for (CarrierId each : quiet) { // active now, with nothing running: one place is kept for each
      CountDownLatch done = new CountDownLatch(1);
      workers.execute(each, done::countDown);
      assertThat(done.await(5, TimeUnit.SECONDS)).isTrue();
    }
    Semaphore started = new Semaphore(0);
    Semaphore gate = new Semaphore(0);
    for (int i = 0; i < 10; i++) {
      workers.execute(FLOODER, () -> {
        started.release();
        gate.acquireUninterruptibly();
      });
    }
    // Its share among four active carriers is one; the instance runs six, less three places kept: three.
    assertThat(started.tryAcquire(3, 5, TimeUnit.SECONDS)).as("the busy carrier uses the room left").isTrue();
    Thread.sleep(100); // time for a fourth start, which must not come
    assertThat(workers.running(FLOODER)).isEqualTo(3);

    CountDownLatch served = new CountDownLatch(1);
    workers.execute(HONEST, served::countDown);
    assertThat(served.await(5, TimeUnit.SECONDS)).as("a quiet carrier's request starts in its kept place").isTrue();
    gate.release(100);
  }

  @Test
  void aCarriersAnswerRunsBeforeItsOwnNewRequestsAndFindsRoomWhenTheyFillItsQuota() throws Exception {
    workers = new FairWorkers(1, 3, 1, 1, 10_000, Thread::new);
    CountDownLatch hold = new CountDownLatch(1);
    CountDownLatch running = new CountDownLatch(1);
    List<String> ran = new CopyOnWriteArrayList<>();
    workers.execute(FLOODER, () -> {
      running.countDown();
      await(hold);
    });
    await(running);
    CountDownLatch ports = new CountDownLatch(1);
    for (int i = 0; i < 2; i++) { // three new requests in flight: its quota
      workers.execute(FLOODER, () -> {
        ran.add("port");
        await(ports);
      });
    }
    assertThatThrownBy(() -> workers.execute(FLOODER, () -> { })).isInstanceOf(FairWorkers.Saturated.class);
    CountDownLatch answered = new CountDownLatch(1);
    workers.executeAnswer(FLOODER, () -> {
      ran.add("answer");
      answered.countDown();
    });

    hold.countDown();

    assertThat(answered.await(5, TimeUnit.SECONDS)).isTrue();
    assertThat(ran.indexOf("answer")).as("requests of its own run before its answer").isZero();
    // The answer counted while it ran; once it ended, only the two new requests are in flight (one running, held).
    long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (workers.inFlight(FLOODER) > 2 && System.nanoTime() < until) {
      Thread.sleep(10);
    }
    assertThat(workers.inFlight(FLOODER)).as("the answer, once ended, holds no place").isEqualTo(2);
    ports.countDown();
  }

  @Test
  void beyondTheSharesACarrierWithAnAnswerWaitingGoesBeforeOneWithNewRequestsOnly() throws Exception {
    workers = new FairWorkers(3, 100, 2, 4, 10_000, Thread::new); // two active carriers: a share of one each
    CountDownLatch first = new CountDownLatch(1);
    CountDownLatch rest = new CountDownLatch(1);
    Semaphore started = new Semaphore(0);
    workers.execute(FLOODER, () -> {
      started.release();
      await(first);
    });
    workers.execute(FLOODER, () -> {
      started.release();
      await(rest);
    });
    workers.execute(HONEST, () -> {
      started.release();
      await(rest);
    });
    assertThat(started.tryAcquire(3, 5, TimeUnit.SECONDS)).as("every thread busy").isTrue();
    List<String> ran = new CopyOnWriteArrayList<>();
    CountDownLatch both = new CountDownLatch(2);
    workers.execute(FLOODER, () -> {
      ran.add("CM port");
      both.countDown();
    });
    workers.executeAnswer(HONEST, () -> {
      ran.add("CU answer");
      both.countDown();
    });

    first.countDown(); // each carrier runs one, its share; the freed thread may run one more of either

    assertThat(both.await(5, TimeUnit.SECONDS)).isTrue();
    assertThat(ran).containsExactly("CU answer", "CM port");
    rest.countDown();
  }

  @Test
  void aRequestThatFailsWithALinkageErrorCostsNoWorker() throws Exception {
    workers = new FairWorkers(1, 100, 1, 1, 10, r -> {
      Thread t = new Thread(r);
      t.setUncaughtExceptionHandler((thread, e) -> { }); // reported, not printed, in this test
      return t;
    });
    workers.execute(HONEST, () -> {
      throw new NoClassDefFoundError("org/HdrHistogram/DoubleRecorder");
    });
    CountDownLatch served = new CountDownLatch(1);
    workers.execute(HONEST, served::countDown);

    assertThat(served.await(5, TimeUnit.SECONDS)).as("the only worker still serves").isTrue();
  }

  @Test
  void beyondTheInstancesQueueEveryCarrierIsRefused() {
    workers = new FairWorkers(1, 100, 1, 1, 2, Thread::new);
    CountDownLatch hold = new CountDownLatch(1);
    CountDownLatch running = new CountDownLatch(1);
    workers.execute(FLOODER, () -> {
      running.countDown();
      await(hold);
    });
    await(running);
    workers.execute(FLOODER, () -> { });
    workers.execute(FLOODER, () -> { }); // two wait: the instance's queue is full

    assertThatThrownBy(() -> workers.execute(HONEST, () -> { })).isInstanceOf(FairWorkers.Saturated.class)
        .hasMessageContaining("saturated");
    hold.countDown();
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
