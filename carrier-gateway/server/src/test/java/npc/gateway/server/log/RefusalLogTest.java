package npc.gateway.server.log;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import npc.core.testing.MutableClock;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** A flood of refusals writes one line per kind per interval, with a count, and every one is counted. */
class RefusalLogTest {
  private final MutableClock clock = new MutableClock(Instant.parse("2026-12-02T12:00:00Z"));
  private final List<String> lines = new ArrayList<>();
  private final GatewayCounters counters = new GatewayCounters();
  private final RefusalLog log = new RefusalLog(counters, clock, Duration.ofSeconds(10), lines::add);

  @Test
  void aThousandFailedHandshakesInOneIntervalWriteOneLineAndCountAThousand() {
    for (int i = 0; i < 1_000; i++) {
      log.refused(Refusal.TLS_HANDSHAKE_FAILED, "203.0.113.7:5000", "no certificate");
    }
    assertThat(lines).hasSize(1);
    assertThat(counters.get(Refusal.TLS_HANDSHAKE_FAILED)).isEqualTo(1_000);
  }

  @Test
  void theNextLineAfterTheIntervalSaysHowManyWereNotLogged() {
    for (int i = 0; i < 50; i++) {
      log.refused(Refusal.TLS_HANDSHAKE_FAILED, "203.0.113.7:5000", "no certificate");
    }
    clock.advance(Duration.ofSeconds(10));
    log.refused(Refusal.TLS_HANDSHAKE_FAILED, "203.0.113.7:5000", "no certificate");
    assertThat(lines).hasSize(2);
    assertThat(lines.get(1)).startsWith("TLS_HANDSHAKE_FAILED: 50 since the last line");
  }

  @Test
  void eachKindHasItsOwnInterval() {
    log.refused(Refusal.TLS_HANDSHAKE_FAILED, "a", "x");
    log.refused(Refusal.ACCEPT_RATE, "a", "x");
    assertThat(lines).hasSize(2);
  }

  @Test
  void theReasonIsEscapedSoItCannotForgeALine() {
    log.refused(Refusal.TLS_HANDSHAKE_FAILED, "a", "bad\nFAKE LINE");
    assertThat(lines.get(0)).doesNotContain("\n");
  }
}
