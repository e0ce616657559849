package npc.audit.detect;

import static npc.audit.detect.History.T0;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Random;
import npc.core.audit.AuditKind;
import org.junit.jupiter.api.Test;

/**
 * {@code RETENTION_CANCEL} and {@code BULK_CHANNEL}, with positive cases, negative cases and honest look-alikes, and
 * the peer comparison signal, which never becomes a finding.
 */
class RetentionAndBulkTest {
  private static final DetectorSettings DEFAULTS = DetectorSettings.defaults();
  private final History h = new History();

  /** {@code ports} ports against {@code donor}; {@code cancelled} of them cancelled, {@code after} after it was told. */
  private void ports(String donor, int ports, int cancelled, Duration after) {
    for (int i = 0; i < ports; i++) {
      Instant at = T0.plus(Duration.ofHours(i + 1));
      String port = donor + i;
      h.opened(port, History.number(i), "CM", donor, at);
      if (i < cancelled) {
        h.fact(AuditKind.PORT_CANCELLED, port, History.number(i), "CM", at.plus(after).plusSeconds(1),
            "donor", donor, "toldAt", at.plusSeconds(1).toString());
      }
    }
  }

  @Test
  void cancellationsSoonAfterTheDonorWasToldFarAboveItsPeersAreFound() {
    ports("CU", 100, 20, Duration.ofHours(2));
    ports("CT", 100, 2, Duration.ofHours(2));
    ports("CBN", 100, 2, Duration.ofHours(2));

    assertThat(h.run(new RetentionCancelDetector(DEFAULTS)).findings()).singleElement().satisfies(f -> {
      assertThat(f.carrier()).isEqualTo("CU");
      assertThat(f.evidence()).hasSize(20);
    });
  }

  @Test
  void cancellationsLongAfterNoticeOrAtPeerRatesAreNotFound() {
    ports("CU", 100, 20, Duration.ofDays(3));
    ports("CT", 100, 6, Duration.ofHours(2));
    ports("CBN", 100, 4, Duration.ofHours(2));

    assertThat(h.run(new RetentionCancelDetector(DEFAULTS)).findings()).isEmpty();
  }

  @Test
  void aBurstOfManySubscribersFromOneChannelIsFoundABusyShopAndOneSubscribersManyNumbersAreNot() {
    for (int i = 0; i < 30; i++) {
      Instant at = T0.plus(Duration.ofSeconds(10L * i));
      h.opened("b" + i, History.number(i), "CBN", "CU", at, "agent-7", History.subscriber(i));
      h.opened("s" + i, History.number(100 + i), "CM", "CU", T0.plus(Duration.ofMinutes(20L * i)), "shop-1",
          History.subscriber(100 + i));
      h.opened("c" + i, History.number(200 + i), "CT", "CU", at, "corporate", History.subscriber(999));
      // CBN's ordinary channels: a port every 20 min between them, the rate the agent's burst is judged against.
      h.opened("o" + i, History.number(300 + i), "CBN", "CU", T0.plus(Duration.ofMinutes(20L * i)),
          "CBN-shop-" + (i % 10), History.subscriber(300 + i));
    }

    assertThat(h.run(new BulkChannelDetector(DEFAULTS)).findings()).singleElement().satisfies(f -> {
      assertThat(f.carrier()).isEqualTo("CBN");
      assertThat(f.evidence()).hasSize(30);
    });
  }

  private int subscribers = 1000;

  /**
   * {@code channels} channels of {@code recipient}, each opening ports for distinct subscribers as a Poisson process
   * of {@code perSecond} for {@code seconds} (seeded, so the test is the same every run).
   */
  private void busy(String recipient, int channels, double perSecond, long seconds, long seed) {
    Random random = new Random(seed);
    for (int c = 0; c < channels; c++) {
      double t = 0;
      while (true) {
        t += -Math.log(1 - random.nextDouble()) / perSecond;
        if (t >= seconds) {
          break;
        }
        int s = subscribers++;
        h.opened(recipient + "-" + s, History.number(s), recipient, "CU", T0.plusMillis((long) (t * 1000)),
            recipient + "-shop-" + c, History.subscriber(s));
      }
    }
  }

  /** {@code size} ports for distinct subscribers from one channel, one every {@code gap}, from {@code at}. */
  private void burst(String recipient, String channel, Instant at, int size, Duration gap) {
    for (int i = 0; i < size; i++) {
      int s = subscribers++;
      h.opened(recipient + "-b" + s, History.number(s), recipient, "CU", at.plus(gap.multipliedBy(i)), channel,
          History.subscriber(s));
    }
  }

  @Test
  void busyHonestShopsAreNeverABurstHoweverMuchVolumeEachChannelCarries() {
    // The example: 20 ports/s over 20 channels, about 60 per channel per minute; and a longer day of it.
    busy("CM", 20, 1.0, 120, 1);
    busy("CT", 5, 0.4, 600, 2);

    assertThat(h.run(new BulkChannelDetector(DEFAULTS)).findings()).isEmpty();
  }

  @Test
  void aBurstOfFortyInSecondsIsFoundAtAnyVolumeAndInARunOfOneMinute() {
    // A recipient whose ordinary channels carry a port every 25 s, and one carrying 1/s: the bursts go through one
    // of the quiet channels, one within a busy recipient.
    busy("CBN", 200, 0.04, 60, 3);
    busy("CM", 20, 1.0, 60, 4);
    burst("CBN", "CBN-shop-7", T0.plusSeconds(20), 40, Duration.ofMillis(50));
    burst("CM", "CM-shop-3", T0.plusSeconds(30), 40, Duration.ofMillis(50));

    Detection d = h.run(new BulkChannelDetector(DEFAULTS));

    assertThat(d.findings()).extracting(Finding::carrier).containsExactly("CBN", "CM");
    assertThat(d.findings()).allSatisfy(f -> assertThat(f.evidence().size()).isBetween(40, 45));
  }

  @Test
  void aChannelThatOnlyCarriesBurstsIsFoundThoughItsOwnRateIsThatOfABusyShop() {
    // 200 ordinary channels at a port every 30 s; one agent channel with a burst of 40 (within 1 s) every 23 s,
    // 1.7 ports/s on average: more than any of the recipient's shops, but all of it in bursts.
    busy("CU", 200, 1.0 / 30, 120, 6);
    for (int b = 0; b < 5; b++) {
      burst("CU", "CU-bulk", T0.plusSeconds(5 + 23L * b), 40, Duration.ofMillis(25));
    }

    assertThat(h.run(new BulkChannelDetector(DEFAULTS)).findings()).singleElement().satisfies(f -> {
      assertThat(f.carrier()).isEqualTo("CU");
      // Bursts closer together than the longest scale are one run of bursts: all 200 ports are its evidence.
      assertThat(f.evidence()).hasSize(200);
    });
  }

  @Test
  void aBurstSpreadOverMinutesFromAQuietChannelIsFoundTheSameSpreadAtTheChannelsOwnRateIsNot() {
    busy("CBN", 50, 0.01, 3600, 5);
    burst("CBN", "agent-9", T0.plusSeconds(600), 40, Duration.ofSeconds(6));
    // A channel that carries one port every 6 s all hour long: 40 in 4 minutes is its ordinary rate.
    burst("CT", "CT-kiosk", T0, 600, Duration.ofSeconds(6));

    assertThat(h.run(new BulkChannelDetector(DEFAULTS)).findings()).singleElement()
        .satisfies(f -> assertThat(f.carrier()).isEqualTo("CBN"));
  }

  @Test
  void aRejectionRateFarAbovePeersIsASignalNeverAFinding() {
    for (int i = 0; i < 200; i++) {
      Instant at = T0.plus(Duration.ofHours(i + 1));
      for (String donor : new String[] {"CU", "CT", "CBN"}) {
        boolean reject = donor.equals("CU") ? i % 2 == 0 : i % 20 == 0;
        if (reject) {
          h.rejected(donor + i, History.number(i), donor, at, "UNPAID_CHARGES", "billing_period", "2026-08");
        } else {
          h.accepted(donor + i, History.number(i), donor, at);
        }
      }
    }

    Detection d = new Detectors(DEFAULTS).run(h.history());

    assertThat(d.signals()).singleElement().satisfies(s -> {
      assertThat(s.carrier()).isEqualTo("CU");
      assertThat(s.metric()).isEqualTo("REJECTED:UNPAID_CHARGES");
      assertThat(s.count()).isEqualTo(100);
      assertThat(s.adjustedP()).isLessThan(1e-6);
    });
    assertThat(d.findings()).isEmpty();
  }
}
