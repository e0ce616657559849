package npc.audit.detect;

import static npc.audit.detect.AuditHistory.fact;
import static npc.audit.detect.AuditHistory.instant;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import npc.audit.record.AuditEntry;
import npc.core.audit.AuditKind;

/**
 * Silence past a deadline the carrier was told of in time: the one rule behind {@code DEEMED_ACCEPTANCE} (ports)
 * and {@code ELIGIBILITY_UNANSWERED} (queries). Occasions: the {@code opened} entries naming the carrier as
 * {@code donor}; an offence: a {@code lapsed} entry whose {@code donor} was told ({@code toldAt}) in time.
 *
 * <p>"In time" is relative to the answer window the entries themselves show (the opening entry's deadline minus
 * its time), because regimes differ by orders of magnitude (30 min for a CN port, 10 s under the seconds regime):
 * told while at least {@code share} of the window remained, or {@code cap} before the deadline, whichever is less.
 * An absolute margin alone could never be met under short timers, and a share alone would ask for hours under long
 * ones. Never told, told later than that, or a deadline that was extended (the donor was told late: the
 * clearinghouse's delay, not the donor's conduct) never counts. When the opening entry is not in the input, the
 * window is unknown and only {@code cap} is accepted. A carrier silent no more often than its peers is not found
 * ({@link Tally#againstPeers}): the clearinghouse, not the carrier, was slow.
 */
abstract class SilencePastDeadline implements Detector {
  private final AuditKind opened;
  private final AuditKind lapsed;
  private final Threshold threshold;
  private final Duration cap;
  private final double share;
  private final double peerAlpha;
  private final String what;

  SilencePastDeadline(AuditKind opened, AuditKind lapsed, Threshold threshold, Duration cap, double share,
      double peerAlpha, String what) {
    this.opened = opened;
    this.lapsed = lapsed;
    this.threshold = threshold;
    this.cap = cap;
    this.share = share;
    this.peerAlpha = peerAlpha;
    this.what = what;
  }

  @Override
  public Detection detect(AuditHistory history) {
    Tally tally = new Tally(rule(), threshold).againstPeers(peerAlpha);
    for (AuditEntry e : history.inPeriod(opened)) {
      fact(e, "donor").ifPresent(tally::occasion);
    }
    Map<String, AuditEntry> openings = new HashMap<>();
    for (AuditEntry e : history.all(opened)) {
      e.record().subject().ifPresent(s -> openings.putIfAbsent(s, e));
    }
    Set<String> extended = new HashSet<>();
    for (AuditEntry e : history.all(AuditKind.DONOR_DEADLINE_EXTENDED)) {
      e.record().subject().ifPresent(extended::add);
    }
    for (AuditEntry e : history.inPeriod(lapsed)) {
      Optional<String> donor = fact(e, "donor");
      Optional<Instant> told = instant(e, "toldAt");
      Optional<Instant> deadline = e.record().deadline();
      if (donor.isPresent() && told.isPresent() && deadline.isPresent()
          && !e.record().subject().map(extended::contains).orElse(false)) {
        AuditEntry opening = e.record().subject().map(openings::get).orElse(null);
        Optional<Duration> notice = notice(opening, deadline.get());
        if (notice.isPresent() && !told.get().plus(notice.get()).isAfter(deadline.get())) {
          tally.offence(donor.get(), e);
        }
      }
    }
    return tally.result(history, (carrier, count, sample) -> carrier + " let " + count + " of " + sample + " "
        + what);
  }

  /**
   * The notice that counts as in time for a lapse at {@code deadline}: the lesser of {@code cap} and {@code share}
   * of the window; {@code cap} when the opening is unknown; none when the deadline is later than the one the
   * opening set (moved on since).
   */
  private Optional<Duration> notice(AuditEntry opening, Instant deadline) {
    if (opening == null) {
      return Optional.of(cap);
    }
    Instant due = opening.record().deadline().orElse(deadline);
    if (deadline.isAfter(due)) {
      return Optional.empty();
    }
    Duration window = Duration.between(opening.record().at(), due);
    Duration relative = Duration.ofNanos((long) (window.toNanos() * share));
    return Optional.of(relative.compareTo(cap) < 0 ? relative : cap);
  }
}
