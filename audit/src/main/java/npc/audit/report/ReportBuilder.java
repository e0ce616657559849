package npc.audit.report;

import static npc.audit.detect.AuditHistory.fact;
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
 *   <li>outcomes: entries the carrier is party to (it acted, or it is the port's or query's donor or recipient; a
 *       refusal only for the carriers it names), by kind; rejection reasons: its {@code PORT_REJECTED_BY_DONOR}, by reason;
 *   <li>answer times: from the port's or query's opening (the answer's {@code openedAt}, else the
 *       {@code PORT_OPENED} or {@code QUERY_OPENED} of the same subject) to its {@code PORT_ACCEPTED} or
 *       {@code PORT_REJECTED_BY_DONOR} (or {@code QUERY_ANSWERED}); an answer whose opening is known neither way is
 *       left out rather than guessed;
 *   <li>deemed acceptances: {@code PORT_DEEMED_ACCEPTED} with it as donor; deadline breaches: its
 *       {@code QUERY_EXPIRED}, its late deactivations (a {@code DEACTIVATION_CONFIRMED} after its deadline,
 *       {@code deactivateBy}, counted when confirmed) and its namings as a laggard ({@code SLOW_ROUTING_ACK});
 *   <li>success rate: of the ports it is party to that ended in the period, the share that completed
 *       ({@code PORT_COMPLETED}, {@code PORT_COMPLETED_WITH_LAGGARDS}) rather than being rejected or cancelled;
 *   <li>delay: per number ported away from it whose deactivation it confirmed in the period, the started days from
 *       {@code deactivateBy} to its {@code DEACTIVATION_CONFIRMED}: until then the subscriber is not fully ported, and
 *       the donor alone holds it up. A deactivation not yet confirmed counts in the period it is confirmed in. A deemed acceptance delays nothing (the port goes on at
 *       the deadline the regime set), nor does a laggard's acknowledgement (calls are misrouted, the port is done).
 * </ul>
 */
public final class ReportBuilder {
  private static final Set<String> COMPLETED = DayFold.COMPLETED;
  private static final Set<String> FAILED = DayFold.FAILED;

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
    return report(carrier, history.from(), history.to(), outcomes, reasons, Percentiles.of(portAnswers),
        Percentiles.of(queryAnswers), deemed, breaches, ended, completed, detection,
        lateDays.stream().mapToLong(Long::longValue).sum(), rate);
  }

  /**
   * The report of {@code [from, to)} from the sum of its days' figures ({@link DayFold}: the same figures counted
   * entry by entry as they were folded) and the detectors' results kept for the period.
   */
  public static CarrierReport fromFigures(String carrier, Instant from, Instant to, DailyFigures figures,
      Detection detection, Optional<CompensationRate> rate) {
    Map<String, Long> breaches = new TreeMap<>();
    breaches.put("QUERY_EXPIRED", figures.count(DailyFigures.QUERY_EXPIRED));
    breaches.put("LATE_DEACTIVATION", figures.count(DailyFigures.LATE_DEACTIVATIONS));
    breaches.put("SLOW_ROUTING_ACK", figures.count(DailyFigures.SLOW_ACKS));
    return report(carrier, from, to, figures.outcomes(), figures.reasons(), figures.portAnswers().percentiles(),
        figures.queryAnswers().percentiles(), figures.count(DailyFigures.DEEMED), breaches,
        figures.count(DailyFigures.ENDED), figures.count(DailyFigures.COMPLETED), detection,
        figures.count(DailyFigures.LATE_DAYS), rate);
  }

  private static CarrierReport report(String carrier, Instant from, Instant to, Map<String, Long> outcomes,
      Map<String, Long> reasons, Percentiles portAnswers, Percentiles queryAnswers, long deemed,
      Map<String, Long> breaches, long ended, long completed, Detection detection, long delayDays,
      Optional<CompensationRate> rate) {
    return new CarrierReport(carrier, from, to, outcomes, reasons, portAnswers, queryAnswers, deemed, breaches, ended,
        completed, detection.findings().stream().filter(f -> f.carrier().equals(carrier)).toList(),
        detection.insufficient().stream().filter(i -> i.carrier().equals(carrier)).toList(),
        detection.signals().stream().filter(s -> s.carrier().equals(carrier)).toList(), delayDays, rate);
  }

  /** Per deactivation confirmed by {@code donor} in the period after its deadline: the started days late. */
  private List<Long> lateDeactivationDays(String donor) {
    List<Long> days = new ArrayList<>();
    for (AuditEntry confirmed : history.inPeriod(AuditKind.DEACTIVATION_CONFIRMED)) {
      if (donor(confirmed).filter(donor::equals).isPresent()) {
        DayFold.lateDays(confirmed).ifPresent(days::add);
      }
    }
    return days;
  }

  private Optional<Long> answerTime(AuditEntry answer) {
    AuditEntry open = opened.get(subject(answer));
    return DayFold.answerTime(answer).or(() -> open == null ? Optional.empty()
        : Optional.of(Duration.between(open.record().at(), answer.record().at()).toMillis()));
  }

  /**
   * Whether the entry is about {@code carrier}: it acted, or is the donor or recipient of the port or query. A refusal
   * ({@code REFUSED_*}) is the refused carrier's conduct: only the carriers it names itself are party to it.
   */
  private boolean partyTo(AuditEntry e, String carrier) {
    if (e.record().kind().startsWith("REFUSED_")) {
      return e.record().actor().filter(carrier::equals).isPresent() || fact(e, "donor").filter(carrier::equals)
          .isPresent() || fact(e, "recipient").filter(carrier::equals).isPresent();
    }
    return e.record().actor().filter(carrier::equals).isPresent() || donor(e).filter(carrier::equals).isPresent()
        || recipient(e).filter(carrier::equals).isPresent();
  }

  /** The donor the entry names, or the donor of its port or query's opening. */
  private Optional<String> donor(AuditEntry e) {
    return fact(e, "donor").or(() -> Optional.ofNullable(opened.get(subject(e))).flatMap(o -> fact(o, "donor")));
  }

  /** The recipient of the entry's port or the asker of its query: the entry's {@code recipient}, else its opening's actor. */
  private Optional<String> recipient(AuditEntry e) {
    return fact(e, "recipient").or(() -> Optional.ofNullable(opened.get(subject(e))).flatMap(o -> o.record().actor()));
  }
}
