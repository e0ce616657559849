package npc.gateway.server.push;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import npc.core.carrier.CarrierId;
import npc.gateway.protocol.v1.ErrorCode;
import npc.gateway.server.dispatch.RequestError;
import org.junit.jupiter.api.Test;

class SnapshotGateTest {
  private static final CarrierId CM = new CarrierId("CM");
  private static final CarrierId CU = new CarrierId("CU");

  @Test
  void aCarrierWithItsSnapshotUnderWayIsRefusedAnotherWithBusyWhileOtherCarriersAreAdmitted() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    try (SnapshotGate gate = new SnapshotGate(2, 8, 1, Thread::new)) {
      gate.admit(CM).run(() -> await(release));

      assertThatThrownBy(() -> gate.admit(CM)).isInstanceOfSatisfying(RequestError.class,
          e -> assertThat(e.code()).isEqualTo(ErrorCode.BUSY));
      SnapshotGate.Permit other = gate.admit(CU);
      other.cancel();
      assertThat(gate.admitted(CM)).isEqualTo(1);

      release.countDown();
      long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
      while (gate.admitted(CM) > 0 && System.nanoTime() < until) {
        Thread.sleep(5);
      }
      gate.admit(CM).cancel(); // the quota is back once the snapshot ended
    }
  }

  @Test
  void beyondItsThreadsAndQueueTheInstanceAnswersBusyWhateverTheCarrier() {
    CountDownLatch release = new CountDownLatch(1);
    try (SnapshotGate gate = new SnapshotGate(1, 1, 1, Thread::new)) {
      gate.admit(CM).run(() -> await(release));
      gate.admit(CU).run(() -> await(release)); // waits for the one thread

      assertThatThrownBy(() -> gate.admit(new CarrierId("CT"))).isInstanceOfSatisfying(RequestError.class,
          e -> assertThat(e.status()).isEqualTo(503));
      assertThat(gate.admitted(new CarrierId("CT"))).isZero();
      release.countDown();
    }
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
