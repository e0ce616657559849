package npc.audit.report;

import static npc.audit.detect.AuditHistory.fact;
import static npc.audit.detect.AuditHistory.instant;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import npc.audit.detect.SlowRoutingAckDetector;
import npc.audit.record.AuditEntry;
import npc.audit.record.AuditRecord;
import npc.core.audit.AuditKind;

/**
 * Entries folded into report figures per UTC day of their time and per carrier ({@link DailyFigures}), counting what
 * {@link ReportBuilder} counts, from each entry alone: the carriers an entry concerns are its actor (a carrier: a
 * user's {@code ROLE:<token id>} is none), its {@code donor} and its {@code recipient}, and an answer's time runs from
 * its {@code openedAt}, all written by the core on the entry itself (the port's opening may be in another chain).
 * Folding an entry touches its own day only, so a day's figures are the same whichever order its entries arrive in.
 * Not thread-safe.
 */
public final class DayFold {
  static final Set<String> COMPLETED = Set.of(AuditKind.PORT_COMPLETED.name(),
      AuditKind.PORT_COMPLETED_WITH_LAGGARDS.name());
  static final Set<String> FAILED = Set.of(AuditKind.PORT_REJECTED_BY_DONOR.name(),
      AuditKind.PORT_REJECTED_BY_CLEARINGHOUSE.name(), AuditKind.PORT_CANCELLED.name());
  static final Set<String> PORT_ANSWERS = Set.of(AuditKind.PORT_ACCEPTED.name(),
      AuditKind.PORT_REJECTED_BY_DONOR.name());
  private static final Duration DAY = Duration.ofDays(1);

  private final Map<LocalDate, Map<String, DailyFigures>> days = new TreeMap<>();

  public static LocalDate day(Instant at) {
    return LocalDate.ofInstant(at, ZoneOffset.UTC);
  }

  /** Folds one entry in; returns the day it counted on. */
  public LocalDate add(AuditEntry e) {
    AuditRecord r = e.record();
    LocalDate day = day(r.at());
    Map<String, DailyFigures> carriers = days.computeIfAbsent(day, d -> new TreeMap<>());
    String kind = r.kind();
    Optional<String> actor = r.actor().filter(a -> !a.contains(":"));
    Optional<String> donor = fact(e, "donor");
    Set<String> parties = new LinkedHashSet<>();
    actor.ifPresent(parties::add);
    donor.ifPresent(parties::add);
    fact(e, "recipient").ifPresent(parties::add);
    for (String party : parties) {
      DailyFigures f = carriers.computeIfAbsent(party, p -> new DailyFigures());
      f.outcome(kind);
      boolean acted = actor.filter(party::equals).isPresent();
      boolean asDonor = donor.filter(party::equals).isPresent();
      if (acted && kind.equals(AuditKind.PORT_REJECTED_BY_DONOR.name())) {
        f.reason(r.reason().orElse("-"));
      }
      if (acted && PORT_ANSWERS.contains(kind)) {
        answerTime(e).ifPresent(f.portAnswers()::record);
      }
      if (acted && kind.equals(AuditKind.QUERY_ANSWERED.name())) {
        answerTime(e).ifPresent(f.queryAnswers()::record);
      }
      if (asDonor && kind.equals(AuditKind.PORT_DEEMED_ACCEPTED.name())) {
        f.plus(DailyFigures.DEEMED, 1);
      }
      if (COMPLETED.contains(kind) || FAILED.contains(kind)) {
        f.plus(DailyFigures.ENDED, 1);
        f.plus(DailyFigures.COMPLETED, COMPLETED.contains(kind) ? 1 : 0);
      }
      if (asDonor && kind.equals(AuditKind.QUERY_EXPIRED.name())) {
        f.plus(DailyFigures.QUERY_EXPIRED, 1);
      }
      if (asDonor) {
        lateDays(e).ifPresent(days -> {
          f.plus(DailyFigures.LATE_DEACTIVATIONS, 1);
          f.plus(DailyFigures.LATE_DAYS, days);
        });
      }
    }
    if (kind.equals(AuditKind.PORT_COMPLETED_WITH_LAGGARDS.name())) {
      for (String laggard : new LinkedHashSet<>(SlowRoutingAckDetector.ackLaggards(e))) {
        carriers.computeIfAbsent(laggard, p -> new DailyFigures()).plus(DailyFigures.SLOW_ACKS, 1);
      }
    }
    return day;
  }

  /** The figures of each carrier on {@code day}; empty when no entry counted on it. */
  public Map<String, DailyFigures> day(LocalDate day) {
    return days.getOrDefault(day, Map.of());
  }

  /** An answer's time from its {@code openedAt}; empty when the entry does not carry it. */
  static Optional<Long> answerTime(AuditEntry answer) {
    return instant(answer, "openedAt").map(o -> Duration.between(o, answer.record().at()).toMillis());
  }

  /**
   * For a {@code DEACTIVATION_CONFIRMED} later than its deadline ({@code deactivateBy}): the started days from the
   * deadline to the confirmation. Empty for any other entry.
   */
  static Optional<Long> lateDays(AuditEntry e) {
    AuditRecord r = e.record();
    if (!r.kind().equals(AuditKind.DEACTIVATION_CONFIRMED.name()) || r.deadline().isEmpty()
        || !r.at().isAfter(r.deadline().get())) {
      return Optional.empty();
    }
    Duration late = Duration.between(r.deadline().get(), r.at());
    return Optional.of(late.dividedBy(DAY) + (late.toMillis() % DAY.toMillis() == 0 ? 0 : 1));
  }
}
