package npc.gateway.server.push;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import npc.core.storage.OutageLog;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class LateDonorsTest {
  private static final OutageLog OUTAGE = new OutageLog(LoggerFactory.getLogger(LateDonorsTest.class),
      "Moving late donors' deadlines on");

  @Test
  void aPortWhoseExtensionFailedToBeWrittenIsToldAgainAtTheNextTurnInOrder() {
    UUID first = UUID.randomUUID();
    UUID second = UUID.randomUUID();
    List<UUID> taken = new ArrayList<>();
    int[] timeouts = {1};
    LateDonors late = new LateDonors((port, delay) -> {
      if (timeouts[0]-- > 0) {
        throw new IllegalStateException("write timeout");
      }
      taken.add(port);
    }, OUTAGE);

    late.add(first, Duration.ofSeconds(7));
    late.add(second, Duration.ofSeconds(8));
    late.tell();
    assertThat(taken).as("nothing taken while the write fails").isEmpty();
    assertThat(late.waiting()).isEqualTo(2);

    late.tell();
    assertThat(taken).containsExactly(first, second);
    assertThat(late.waiting()).isZero();
  }

  @Test
  void theWaitingPortsAreBounded() {
    LateDonors late = new LateDonors((port, delay) -> {
      throw new IllegalStateException("down");
    }, OUTAGE);
    for (int i = 0; i < LateDonors.MAX_WAITING; i++) {
      assertThat(late.add(UUID.randomUUID(), Duration.ofSeconds(6))).isTrue();
    }
    assertThat(late.add(UUID.randomUUID(), Duration.ofSeconds(6))).isFalse();
    assertThat(late.waiting()).isEqualTo(LateDonors.MAX_WAITING);
  }
}
