package npc.gateway.server.dispatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import npc.core.carrier.CarrierId;
import org.junit.jupiter.api.Test;

class RequestRateTest {
  private static final CarrierId CT = new CarrierId("CT");
  private static final CarrierId CU = new CarrierId("CU");

  private final AtomicLong nanos = new AtomicLong(1_000);
  private final List<CarrierId> passed = new ArrayList<>();
  private final RequestRate rate = new RequestRate((carrier, request) -> passed.add(carrier), 10, 20, nanos::get);

  @Test
  void aCarrierPastItsBurstIsRefusedBusyWhileAnotherCarrierIsNot() {
    for (int i = 0; i < 20; i++) {
      rate.execute(CT, () -> {});
    }

    assertThatThrownBy(() -> rate.execute(CT, () -> {})).isInstanceOfSatisfying(FairWorkers.Saturated.class,
        e -> assertThat(e.pauseNanos()).as("until a tenth of the burst is back: 2 requests at 10 a second")
            .isEqualTo(TimeUnit.MILLISECONDS.toNanos(200)))
        .hasMessageContaining("CT sends more than 10 requests a second");
    rate.execute(CU, () -> {});
    assertThat(passed).filteredOn(CT::equals).hasSize(20);
    assertThat(passed).contains(CU);
  }

  @Test
  void theBucketRefillsAtTheRateAndNeverBeyondTheBurst() {
    for (int i = 0; i < 20; i++) {
      rate.execute(CT, () -> {});
    }
    nanos.addAndGet(TimeUnit.MILLISECONDS.toNanos(300)); // 3 requests' worth at 10 a second
    for (int i = 0; i < 3; i++) {
      rate.execute(CT, () -> {});
    }
    assertThatThrownBy(() -> rate.execute(CT, () -> {})).isInstanceOf(FairWorkers.Saturated.class);

    nanos.addAndGet(TimeUnit.HOURS.toNanos(1)); // a long quiet spell refills up to the burst only
    int admitted = 0;
    try {
      while (admitted < 100) {
        rate.execute(CT, () -> {});
        admitted++;
      }
    } catch (FairWorkers.Saturated expected) {
      // the burst is spent
    }
    assertThat(admitted).isEqualTo(20);
  }

  @Test
  void aRefusedRequestIsNotPassedOn() {
    RequestRate single = new RequestRate((carrier, request) -> passed.add(carrier), 1, 1, nanos::get);
    single.execute(CT, () -> {});
    assertThatThrownBy(() -> single.execute(CT, () -> {})).isInstanceOf(FairWorkers.Saturated.class);
    assertThat(passed).containsExactly(CT);
  }

  @Test
  void loopsTakingTokensAtOnceAdmitTheBurstAndNoMore() throws Exception {
    AtomicInteger admitted = new AtomicInteger();
    RequestRate shared = new RequestRate((carrier, request) -> admitted.incrementAndGet(), 10, 500, nanos::get);
    int threads = 4;
    CyclicBarrier start = new CyclicBarrier(threads);
    List<Thread> loops = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      Thread loop = new Thread(() -> {
        try {
          start.await();
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
        for (int i = 0; i < 1_000; i++) {
          try {
            shared.execute(CT, () -> {});
          } catch (FairWorkers.Saturated refused) {
            // past the burst
          }
        }
      });
      loops.add(loop);
      loop.start();
    }
    for (Thread loop : loops) {
      loop.join();
    }

    assertThat(admitted).as("4,000 requests at one instant against a burst of 500").hasValue(500);
  }
}
