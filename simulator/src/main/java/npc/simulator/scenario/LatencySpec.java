package npc.simulator.scenario;

import java.time.Duration;

/**
 * How long a carrier takes for one kind of answer, as the two figures an operator knows: the median and the 99th
 * percentile. The simulator draws from the log-normal distribution that has exactly these two.
 *
 * @param median half the answers are faster
 * @param p99 99 in 100 answers are faster; at least the median
 */
public record LatencySpec(Duration median, Duration p99) {}
