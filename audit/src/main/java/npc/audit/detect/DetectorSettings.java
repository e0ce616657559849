package npc.audit.detect;

import java.time.Duration;
import java.time.Period;
import java.util.Set;

/**
 * Thresholds, windows and minimum samples of every detector. {@link #defaults()} are chosen so that an honest carrier
 * gets no finding however unlucky its population: each counts only conduct (see each detector's Javadoc and
 * {@code audit/docs/detectors.md}, which lists the defaults and why).
 *
 * @param deemed {@code DEEMED_ACCEPTANCE}: ports its donor was told of (default 20, 3, 2%)
 * @param deemedNotice a deemed acceptance counts if the donor was told at least this long before the deadline
 *     (default 15 min), or earlier in the window (see {@code noticeShare})
 * @param unanswered {@code ELIGIBILITY_UNANSWERED}: queries its donor was told of (default 20, 3, 2%)
 * @param queryNotice an expired query counts if the donor was told at least this long before its deadline
 *     (default 30 s), or earlier in the window (see {@code noticeShare})
 * @param noticeShare silence counts also if the donor was told while at least this share of its answer window (the
 *     opening's deadline minus its time) remained (default 0.5): what makes both rules work under timers in seconds
 * @param offList {@code OFF_LIST_REASON}: refused answers (default 3)
 * @param refuted {@code REFUTED_CLAIM}: refused answers (default 3)
 * @param contradiction {@code ELIGIBILITY_CONTRADICTION}: contradicting rejections (default 2)
 * @param eligibleFor how long after an "eligible" answer a port's rejection is held against it (default 30 days)
 * @param arrearsGrace an unpaid billing month is in arrears only this long after it closed (the bill's time to pay;
 *     default 30 days), so only a month in arrears before the query contradicts "eligible"
 * @param reuseNumbers {@code EVIDENCE_REUSED}: distinct numbers one evidence value must be cited for (default 5)
 * @param reuseKeys the evidence keys that name one subscriber's document (default agreement_id, bill_ref)
 * @param rejectThenAccept {@code REJECT_THEN_ACCEPT}: pairs of answers (default 2)
 * @param acceptWithin the acceptance follows the rejection within this (default 30 days)
 * @param termStillToRun the cited binding term still had at least this to run at the acceptance (default 30 days)
 * @param repeated {@code REPEATED_REJECTION}: numbers rejected again and again (default 2)
 * @param repeatWindow rejections of one number counted within this (default 90 days)
 * @param repeatRejections rejections of one number by one donor in the window (default 3)
 * @param repeatReasons of which with this many distinct reasons (default 3)
 * @param slowAck {@code SLOW_ROUTING_ACK}: route changes a carrier had to acknowledge (default 50, 5, 2%)
 * @param lateDeactivation {@code LATE_DEACTIVATION}: ports activated away from the donor (default 20, 3, 2%)
 * @param retention {@code RETENTION_CANCEL}: ports the donor was told of (default 30, 5); also needs
 *     {@code retentionRatio} and {@code retentionAlpha}
 * @param retentionWindow a cancellation counts if it came within this of the donor being told (default 24 h)
 * @param retentionRatio the donor's share at least this many times its peers' (default 3)
 * @param retentionAlpha and the one-sided z-test significant at this level (default 0.001)
 * @param bulk {@code BULK_CHANNEL}: bursts (default 1)
 * @param bulkMinBurst distinct subscribers a burst has at least, however improbable a smaller one (default 20)
 * @param bulkWindow the longest window scanned; scales are 1 s, 2 s, 4 s, ... up to it (default 10 min)
 * @param bulkAlpha the bound on P(a scan at least this large at the channel's rate), times the number of tests of
 *     the run, a burst stays below (default 1e-6)
 * @param codeGuessing {@code CODE_GUESSING}: numbers guessed at, among the ports the recipient opened (default
 *     1, 3, 0.1%: the share keeps a recipient's honest typing errors, which grow with its volume, below it)
 * @param guessesPerNumber mismatches for one number, by one recipient, with no match after them (default 3)
 * @param upheld {@code UPHELD_COMPLAINT}: upheld complaints (default 1)
 * @param peerMinSample peer comparison signal: minimum occasions of the carrier and of its peers (default 30)
 * @param peerAlpha the false discovery rate of the Benjamini-Hochberg procedure (default 0.05)
 * @param timingAlpha the rules about time ({@code DEEMED_ACCEPTANCE}, {@code ELIGIBILITY_UNANSWERED},
 *     {@code SLOW_ROUTING_ACK}, {@code LATE_DEACTIVATION}) also need the carrier's share of offences above its peers'
 *     at this one-sided level (default 0.001): a clearinghouse slow for everyone makes no carrier an offender
 */
public record DetectorSettings(
    Threshold deemed, Duration deemedNotice,
    Threshold unanswered, Duration queryNotice, double noticeShare,
    Threshold offList,
    Threshold refuted,
    Threshold contradiction, Period eligibleFor, Period arrearsGrace,
    long reuseNumbers, Set<String> reuseKeys,
    Threshold rejectThenAccept, Period acceptWithin, Period termStillToRun,
    Threshold repeated, Period repeatWindow, int repeatRejections, int repeatReasons,
    Threshold slowAck,
    Threshold lateDeactivation,
    Threshold retention, Duration retentionWindow, double retentionRatio, double retentionAlpha,
    Threshold bulk, int bulkMinBurst, Duration bulkWindow, double bulkAlpha,
    Threshold codeGuessing, int guessesPerNumber,
    Threshold upheld,
    long peerMinSample, double peerAlpha, double timingAlpha) {

  public DetectorSettings {
    if (!(noticeShare > 0 && noticeShare <= 1)) {
      throw new IllegalArgumentException("noticeShare is a share of the answer window, in (0, 1]: " + noticeShare);
    }
    if (!(timingAlpha > 0 && timingAlpha < 1)) {
      throw new IllegalArgumentException("timingAlpha is a probability in (0, 1): " + timingAlpha);
    }
    if (bulkMinBurst < 2 || bulkWindow.compareTo(Duration.ofSeconds(1)) < 0 || !(bulkAlpha > 0 && bulkAlpha < 1)) {
      throw new IllegalArgumentException("BULK_CHANNEL needs bulkMinBurst >= 2, bulkWindow >= 1 s, 0 < bulkAlpha < 1: "
          + bulkMinBurst + ", " + bulkWindow + ", " + bulkAlpha);
    }
    reuseKeys = Set.copyOf(reuseKeys);
  }

  public static DetectorSettings defaults() {
    return new DetectorSettings(
        new Threshold(20, 3, 0.02), Duration.ofMinutes(15),
        new Threshold(20, 3, 0.02), Duration.ofSeconds(30), 0.5,
        Threshold.count(3),
        Threshold.count(3),
        Threshold.count(2), Period.ofDays(30), Period.ofDays(30),
        5, Set.of("agreement_id", "bill_ref"),
        Threshold.count(2), Period.ofDays(30), Period.ofDays(30),
        Threshold.count(2), Period.ofDays(90), 3, 3,
        new Threshold(50, 5, 0.02),
        new Threshold(20, 3, 0.02),
        new Threshold(30, 5, 0), Duration.ofHours(24), 3.0, 0.001,
        Threshold.count(1), 20, Duration.ofMinutes(10), 1e-6,
        new Threshold(1, 3, 0.001), 3,
        Threshold.count(1),
        30, 0.05, 0.001);
  }
}
