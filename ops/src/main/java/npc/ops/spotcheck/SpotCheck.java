package npc.ops.spotcheck;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * One draw of a spot check: its parameters and seed, kept before drawing, and its result once drawn.
 *
 * @param seed the 32 random bytes, hex: with the population, all one needs to reproduce {@link Result#sample()}
 * @param drawnBy who drew it, {@code ROLE:<token id>}
 * @param result empty if the draw did not finish (its seed is recorded all the same)
 */
public record SpotCheck(UUID id, String carrier, Instant from, Instant to, int size, String seed, String algorithm,
    Instant drawnAt, String drawnBy, Optional<Result> result) {

  /** What the draw found: how many ports it drew from, their digest, and the sample in drawing order. */
  public record Result(int population, String populationDigest, List<String> sample) {}

  SpotCheck drawn(Result r) {
    return new SpotCheck(id, carrier, from, to, size, seed, algorithm, drawnAt, drawnBy, Optional.of(r));
  }
}
