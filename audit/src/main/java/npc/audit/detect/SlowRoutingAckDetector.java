package npc.audit.detect;

import static npc.audit.detect.AuditHistory.fact;

import java.util.Arrays;
import java.util.List;
import npc.audit.record.AuditEntry;
import npc.core.audit.AuditKind;

/**
 * {@code SLOW_ROUTING_ACK}: a carrier often named a laggard, so calls to ported numbers still go to the old network.
 *
 * <p>Rule: each {@code PORT_COMPLETED_WITH_LAGGARDS} in the period names the carriers whose routing acknowledgement
 * was missing at its deadline (evidence {@code ackLaggards}, comma-separated; entries written before it existed name
 * every laggard in {@code laggards}); each naming is an offence of that carrier, with the entry and its
 * acknowledgement deadline as evidence. A donor named only for its missing deactivation is not counted here: that is
 * {@code LATE_DEACTIVATION}'s, and the donor of most ports would otherwise be held slow to acknowledge for it. Occasions: its {@code ROUTING_ACKNOWLEDGED} entries plus its namings. A finding needs {@link
 * DetectorSettings#slowAck()} (default 50 occasions, 5 namings, 2%): a rare slow acknowledgement is an incident, not
 * conduct. Source: the regime's routing acknowledgement deadline (CN: 15 min).
 */
public final class SlowRoutingAckDetector implements Detector {
  private final DetectorSettings settings;

  public SlowRoutingAckDetector(DetectorSettings settings) {
    this.settings = settings;
  }

  @Override
  public Rule rule() {
    return Rule.SLOW_ROUTING_ACK;
  }

  @Override
  public Detection detect(AuditHistory history) {
    Tally tally = new Tally(rule(), settings.slowAck()).againstPeers(settings.timingAlpha());
    for (AuditEntry ack : history.inPeriod(AuditKind.ROUTING_ACKNOWLEDGED)) {
      ack.record().actor().ifPresent(tally::occasion);
    }
    for (AuditEntry lagged : history.inPeriod(AuditKind.PORT_COMPLETED_WITH_LAGGARDS)) {
      for (String carrier : ackLaggards(lagged)) {
        tally.occasion(carrier);
        tally.offence(carrier, lagged);
      }
    }
    return tally.result(history, (carrier, count, sample) -> carrier + " was named a laggard " + count + " times in "
        + sample + " route changes it had to acknowledge");
  }

  /** The carriers a {@code PORT_COMPLETED_WITH_LAGGARDS} entry names for a missing routing acknowledgement. */
  public static List<String> ackLaggards(AuditEntry lagged) {
    return Arrays.stream(fact(lagged, "ackLaggards").or(() -> fact(lagged, "laggards")).orElse("").split(","))
        .map(String::strip).filter(carrier -> !carrier.isEmpty()).toList();
  }
}
