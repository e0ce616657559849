package npc.audit.detect;

import static npc.audit.detect.History.T0;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
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
    }

    assertThat(h.run(new BulkChannelDetector(DEFAULTS)).findings()).singleElement().satisfies(f -> {
      assertThat(f.carrier()).isEqualTo("CBN");
      assertThat(f.evidence()).hasSize(30);
    });
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
