package npc.audit.detect;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import npc.audit.record.AuditEntry;
import npc.core.audit.AuditKind;

/**
 * {@code REPEATED_REJECTION}: one number rejected again and again.
 *
 * <p>Rule: a number whose donor rejected it at least {@link DetectorSettings#repeatRejections()} times within
 * {@link DetectorSettings#repeatWindow()}, citing at least {@link DetectorSettings#repeatReasons()} distinct reasons,
 * the last rejection in the period, is one offence. A subscriber who retries while still in arrears is rejected for
 * the same reason each time, which is honest and never counts; a donor that finds a new reason each time the last
 * one is cleared does. Source: the audit issue's table and the 2019 Hunan notice (no artificial obstacles).
 */
public final class RepeatedRejectionDetector implements Detector {
  private final DetectorSettings settings;

  public RepeatedRejectionDetector(DetectorSettings settings) {
    this.settings = settings;
  }

  @Override
  public Rule rule() {
    return Rule.REPEATED_REJECTION;
  }

  @Override
  public Detection detect(AuditHistory history) {
    Map<List<String>, List<AuditEntry>> byNumber = new LinkedHashMap<>();
    for (AuditEntry r : history.all(AuditKind.PORT_REJECTED_BY_DONOR)) {
      if (r.record().actor().isPresent() && r.record().msisdn().isPresent()) {
        byNumber.computeIfAbsent(List.of(r.record().actor().get(), r.record().msisdn().get()),
            k -> new ArrayList<>()).add(r);
      }
    }
    Tally tally = new Tally(rule(), settings.repeated());
    byNumber.forEach((donorNumber, rejections) -> {
      for (AuditEntry last : rejections) {
        if (!history.inPeriod(last)) {
          continue;
        }
        Instant earliest = last.record().at().atZone(ZoneOffset.UTC).minus(settings.repeatWindow()).toInstant();
        List<AuditEntry> window = rejections.stream().filter(r -> !r.record().at().isBefore(earliest)
            && !r.record().at().isAfter(last.record().at())).toList();
        Set<String> reasons = new HashSet<>();
        window.forEach(r -> reasons.add(r.record().reason().orElse("")));
        if (window.size() >= settings.repeatRejections() && reasons.size() >= settings.repeatReasons()) {
          tally.offence(donorNumber.get(0), window);
          break;
        }
      }
    });
    return tally.result(history, (carrier, count, sample) -> carrier + " rejected " + count
        + " number(s) again and again, finding a new reason each time");
  }
}
