package npc.audit.detect;

import static npc.audit.detect.AuditHistory.fact;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import npc.audit.record.AuditEntry;
import npc.core.audit.AuditKind;
import npc.audit.record.Bytes32;

/**
 * {@code BULK_CHANNEL}: one recipient channel submitting bursts of ports for many different subscribers (proxy
 * porting: an agent porting subscribers who never asked).
 *
 * <p>Rule: per recipient (the actor of {@code PORT_OPENED}) and {@code channel}, a run of ports within {@link
 * DetectorSettings#bulkWindow()} for at least {@link DetectorSettings#bulkSubscribers()} distinct subscribers
 * (their keyed digests) is one burst; a burst ends the run, and the next starts after it. A busy shop spreads its
 * subscribers over the day, and one subscriber porting many numbers is one subscriber: neither is a burst. Source:
 * the audit issue's table (MIIT 2019 rules: a port is the subscriber's own request, made in person or by them).
 */
public final class BulkChannelDetector implements Detector {
  private final DetectorSettings settings;

  public BulkChannelDetector(DetectorSettings settings) {
    this.settings = settings;
  }

  @Override
  public Rule rule() {
    return Rule.BULK_CHANNEL;
  }

  @Override
  public Detection detect(AuditHistory history) {
    Map<String, List<AuditEntry>> byChannel = new TreeMap<>();
    for (AuditEntry opened : history.inPeriod(AuditKind.PORT_OPENED)) {
      if (opened.record().actor().isPresent() && opened.record().subscriber().isPresent()) {
        String key = opened.record().actor().get() + "\0" + fact(opened, "channel").orElse("");
        byChannel.computeIfAbsent(key, k -> new ArrayList<>()).add(opened);
      }
    }
    Tally tally = new Tally(rule(), settings.bulk());
    byChannel.forEach((key, ports) -> {
      int start = 0;
      for (int end = 0; end < ports.size(); end++) {
        Instant endAt = ports.get(end).record().at();
        while (ports.get(start).record().at().plus(settings.bulkWindow()).isBefore(endAt)) {
          start++;
        }
        List<AuditEntry> run = ports.subList(start, end + 1);
        Set<Bytes32> subscribers = new HashSet<>();
        run.forEach(p -> subscribers.add(p.record().subscriber().get()));
        if (subscribers.size() >= settings.bulkSubscribers()) {
          tally.offence(key.substring(0, key.indexOf('\0')), run);
          start = end + 1;
        }
      }
    });
    return tally.result(history, (carrier, count, sample) -> carrier + " submitted " + count + " burst(s) of ports "
        + "for " + settings.bulkSubscribers() + " or more different subscribers from one channel within "
        + settings.bulkWindow());
  }
}
