package npc.audit.chain;

import java.time.Duration;

/**
 * When a chain is checkpointed: at every position that is a multiple of {@code entries}, or {@code interval} after the last checkpoint if the
 * chain moved since. The defaults (1,000 entries, 10 s) bound what a lost tail can hide to ten seconds of steps, for
 * one signature per thousand entries at full load.
 */
public record CheckpointPolicy(int entries, Duration interval) {
  public static final CheckpointPolicy DEFAULT = new CheckpointPolicy(1_000, Duration.ofSeconds(10));

  public CheckpointPolicy {
    if (entries < 1 || interval.isNegative() || interval.isZero()) {
      throw new IllegalArgumentException("a checkpoint policy needs 1 entry or more and a positive interval");
    }
  }
}
