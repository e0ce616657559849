package npc.audit.report;

import static npc.audit.detect.AuditHistory.fact;
import static npc.audit.detect.AuditHistory.instant;
import static npc.audit.detect.AuditHistory.subject;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import npc.audit.detect.AuditHistory;
import npc.audit.detect.Detection;
import npc.audit.detect.SlowRoutingAckDetector;
import npc.audit.record.AuditEntry;
import npc.core.audit.AuditKind;

/**
 * Builds a {@link CarrierReport} from the entries of a period ({@link AuditHistory}: one entry per step) and the
 * detectors' results over the same history, so that a report and {@code ./npc audit findings} never disagree. Every
 * figure counts entries whose time is in the period:
 *
 * <ul>
 *   <li>outcomes: entries the carrier is party to (it acted, or it is the port's or query's donor or recipient), by
 *       kind; rejection reasons: its {@code PORT_REJECTED_BY_DONOR}, by reason;
 *   <li>answer times: from the {@code PORT_OPENED} (or {@code QUERY_OPENED}) of the same subject to its
 *       {@code PORT_ACCEPTED} or {@code PORT_REJECTED_BY_DONOR} (or {@code QUERY_ANSWERED}); an answer whose opening
 *       is not in the history is left out rather than guessed;
 *   <li>deemed acceptances: {@code PORT_DEEMED_ACCEPTED} with it as donor; deadline breaches: its
 *       {@code QUERY_EXPIRED}, its late or missing deactivations (the {@code LATE_DEACTIVATION} rule's offences) and
 *       its namings as a laggard ({@code SLOW_ROUTING_ACK});
 *   <li>success rate: of the ports it is party to that ended in the period, the share that completed
 *       ({@code PORT_COMPLETED}, {@code PORT_COMPLETED_WITH_LAGGARDS}) rather than being rejected or cancelled;
 *   <li>delay: per number ported away from it, the started days from {@code deactivateBy} to its
 *       {@code DEACTIVATION_CONFIRMED} (or to the period's end when it never confirmed): until then the subscriber
 *       is not fully ported, and the donor alone holds it up. A deemed acceptance delays nothing (the port goes on at
 *       the deadline the regime set), nor does a laggard's acknowledgement (calls are misrouted, the port is done).
 * </ul>
 */
public final class ReportBuilder {
  private static final Set<String> COMPLETED = Set.of(AuditKind.PORT_COMPLETED.name(),
      AuditKind.PORT_COMPLETED_WITH_LAGGARDS.name());
  private static final Set<String> FAILED = Set.of(AuditKind.PORT_REJECTED_BY_DONOR.name(),
      AuditKind.PORT_REJECTED_BY_CLEARINGHOUSE.name(), AuditKind.PORT_CANCELLED.name());
  private static final Duration DAY = Duration.ofDays(1);

  private final AuditHistory history;
  private final Map<String, AuditEntry> opened = new HashMap<>();

  public ReportBuilder(AuditHistory history) {
    this.history = history;
    for (AuditKind kind : List.of(AuditKind.PORT_OPENED, AuditKind.QUERY_OPENED)) {
      for (AuditEntry e : history.all(kind)) {
        opened.putIfAbsent(subject(e), e);
      }
    }
  }

  public CarrierReport build(String carrier, Detection detection, Optional<CompensationRate> rate) {
    Map<String, Long> outcomes = new TreeMap<>();
    Map<String, Long> reasons = new TreeMap<>();
    List<Long> portAnswers = new ArrayList<>();
    List<Long> queryAnswers = new ArrayList<>();
    long deemed = 0;
    long ended = 0;
    long completed = 0;
    for (AuditEntry e : history.entries()) {
      if (!history.inPeriod(e) || !partyTo(e, carrier)) {
        continue;
      }
      String kind = e.record().kind();
      outcomes.merge(kind, 1L, Long::sum);
      boolean acted = e.record().actor().filter(carrier::equals).isPresent();
      if (kind.equals(AuditKind.PORT_REJECTED_BY_DONOR.name()) && acted) {
        reasons.merge(e.record().reason().orElse("-"), 1L, Long::sum);
      }
      if (acted && (kind.equals(AuditKind.PORT_ACCEPTED.name()) || kind.equals(AuditKind.PORT_REJECTED_BY_DONOR.name()))) {
        answerTime(e).ifPresent(portAnswers::add);
      }
      if (acted && kind.equals(AuditKind.QUERY_ANSWERED.name())) {
        answerTime(e).ifPresent(queryAnswers::add);
      }
      if (kind.equals(AuditKind.PORT_DEEMED_ACCEPTED.name()) && donor(e).filter(carrier::equals).isPresent()) {
        deemed++;
      }
      if (COMPLETED.contains(kind) || FAILED.contains(kind)) {
        ended++;
        completed += COMPLETED.contains(kind) ? 1 : 0;
      }
    }
    Map<String, Long> breaches = new TreeMap<>();
    breaches.put("QUERY_EXPIRED", history.inPeriod(AuditKind.QUERY_EXPIRED).stream()
        .filter(e -> donor(e).filter(carrier::equals).isPresent()).count());
    List<Long> lateDays = lateDeactivationDays(carrier);
    breaches.put("LATE_DEACTIVATION", (long) lateDays.size());
    breaches.put("SLOW_ROUTING_ACK", history.inPeriod(AuditKind.PORT_COMPLETED_WITH_LAGGARDS).stream()
        .filter(e -> SlowRoutingAckDetector.ackLaggards(e).contains(carrier)).count());
    return new CarrierReport(carrier, history.from(), history.to(), outcomes, reasons, Percentiles.of(portAnswers),
        Percentiles.of(queryAnswers), deemed, breaches, ended, completed,
        detection.findings().stream().filter(f -> f.carrier().equals(carrier)).toList(),
        detection.insufficient().stream().filter(i -> i.carrier().equals(carrier)).toList(),
        detection.signals().stream().filter(s -> s.carrier().equals(carrier)).toList(),
        lateDays.stream().mapToLong(Long::longValue).sum(), rate);
  }

  /** Per number activated away from {@code donor} in the period and deactivated late or never: the started days. */
  private List<Long> lateDeactivationDays(String donor) {
    Map<String, Instant> confirmed = new HashMap<>();
    for (AuditEntry c : history.all(AuditKind.DEACTIVATION_CONFIRMED)) {
      confirmed.putIfAbsent(subject(c), c.record().at());
    }
    List<Long> days = new ArrayList<>();
    for (AuditEntry activated : history.inPeriod(AuditKind.PORT_ACTIVATED)) {
      Optional<Instant> due = instant(activated, "deactivateBy");
      if (due.isEmpty() || fact(activated, "donor").filter(donor::equals).isEmpty()) {
        continue;
      }
      Instant until = confirmed.getOrDefault(subject(activated), history.to());
      if (until.isAfter(due.get())) {
        Duration late = Duration.between(due.get(), until);
        days.add(late.dividedBy(DAY) + (late.toMillis() % DAY.toMillis() == 0 ? 0 : 1));
      }
    }
    return days;
  }

  private Optional<Long> answerTime(AuditEntry answer) {
    AuditEntry open = opened.get(subject(answer));
    return open == null ? Optional.empty()
        : Optional.of(Duration.between(open.record().at(), answer.record().at()).toMillis());
  }

  private boolean partyTo(AuditEntry e, String carrier) {
    return e.record().actor().filter(carrier::equals).isPresent() || donor(e).filter(carrier::equals).isPresent()
        || recipient(e).filter(carrier::equals).isPresent();
  }

  /** The donor the entry names, or the donor of its port or query's opening. */
  private Optional<String> donor(AuditEntry e) {
    return fact(e, "donor").or(() -> Optional.ofNullable(opened.get(subject(e))).flatMap(o -> fact(o, "donor")));
  }

  /** The recipient of the entry's port (its opening's actor), or the asker of its query. */
  private Optional<String> recipient(AuditEntry e) {
    return Optional.ofNullable(opened.get(subject(e))).flatMap(o -> o.record().actor());
  }
}
