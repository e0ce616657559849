package npc.audit.report;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import npc.audit.detect.Finding;
import npc.audit.detect.InsufficientData;
import npc.audit.detect.Signal;

/**
 * One carrier's conduct over one period, from the record alone ({@link ReportBuilder} says how each figure is
 * counted): what happened to the ports and queries it was party to, the reasons it cited, how fast it answered, the
 * deadlines it let pass, the share of its ports that completed, what the detectors found, and what its delays owe.
 *
 * @param outcomes entries of the period the carrier is party to, by kind
 * @param rejectionReasons its rejections as donor, by reason
 * @param portAnswers from a port's opening to the carrier's answer as donor
 * @param queryAnswers from an eligibility query's opening to the carrier's answer
 * @param deadlineBreaches {@code QUERY_EXPIRED}, {@code LATE_DEACTIVATION}, {@code SLOW_ROUTING_ACK} counts
 * @param delayDays days of delay the carrier caused, summed over numbers (each started day counts)
 */
public record CarrierReport(String carrier, Instant from, Instant to, Map<String, Long> outcomes,
    Map<String, Long> rejectionReasons, Percentiles portAnswers, Percentiles queryAnswers, long deemedAcceptances,
    Map<String, Long> deadlineBreaches, long portsEnded, long portsCompleted, List<Finding> findings,
    List<InsufficientData> insufficient, List<Signal> signals, long delayDays, Optional<CompensationRate> rate) {

  public CarrierReport {
    outcomes = Map.copyOf(outcomes);
    rejectionReasons = Map.copyOf(rejectionReasons);
    deadlineBreaches = Map.copyOf(deadlineBreaches);
    findings = List.copyOf(findings);
    insufficient = List.copyOf(insufficient);
    signals = List.copyOf(signals);
  }

  /** Completed over ended ports; empty when none of its ports ended in the period. */
  public OptionalDouble successRate() {
    return portsEnded == 0 ? OptionalDouble.empty() : OptionalDouble.of((double) portsCompleted / portsEnded);
  }

  /** The delay days times the regime's rate, in its minor unit; empty when the regime sets no rate. */
  public Optional<Long> compensationOwed() {
    return rate.map(r -> Math.multiplyExact(delayDays, r.minorUnitsPerDay()));
  }
}
