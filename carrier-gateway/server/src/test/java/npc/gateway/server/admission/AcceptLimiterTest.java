package npc.gateway.server.admission;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** New connections at a bounded rate per source and in all, and a bounded number open. */
class AcceptLimiterTest {
  private final AtomicLong nanos = new AtomicLong(1_000);
  private final AcceptLimiter limiter = new AcceptLimiter(5, 20, 100, nanos::get);

  @Test
  void aReconnectLoopFromOneAddressIsAdmittedAtItsRateOnly() throws Exception {
    InetAddress loop = InetAddress.getByName("203.0.113.7");
    int admitted = 0;
    for (int i = 0; i < 1_000; i++) {
      if (limiter.admit(loop, 0) == AcceptLimiter.Verdict.ADMITTED) {
        admitted++;
      }
    }
    assertThat(admitted).isEqualTo(5);
    nanos.addAndGet(TimeUnit.SECONDS.toNanos(1));
    assertThat(limiter.admit(loop, 0)).isEqualTo(AcceptLimiter.Verdict.ADMITTED);
  }

  @Test
  void anotherAddressStillConnectsWhileOneLoops() throws Exception {
    InetAddress loop = InetAddress.getByName("203.0.113.7");
    for (int i = 0; i < 1_000; i++) {
      limiter.admit(loop, 0);
    }
    assertThat(limiter.admit(InetAddress.getByName("198.51.100.1"), 0)).isEqualTo(AcceptLimiter.Verdict.ADMITTED);
  }

  @Test
  void allAddressesTogetherAreBoundedToo() throws Exception {
    int admitted = 0;
    for (int i = 0; i < 100; i++) {
      if (limiter.admit(InetAddress.getByName("10.0.0." + i), 0) == AcceptLimiter.Verdict.ADMITTED) {
        admitted++;
      }
    }
    assertThat(admitted).isEqualTo(20);
  }

  @Test
  void noConnectionIsAdmittedAtTheOpenCap() throws Exception {
    assertThat(limiter.admit(InetAddress.getByName("198.51.100.1"), 100))
        .isEqualTo(AcceptLimiter.Verdict.TOO_MANY_OPEN);
  }
}
