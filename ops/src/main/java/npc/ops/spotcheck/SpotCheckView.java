package npc.ops.spotcheck;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;
import java.util.List;

/**
 * A spot check as the API gives it: the parameters and seed, and, once drawn, the population's size and digest and
 * the sample in drawing order ({@code population} and {@code sample} null for a draw that did not finish).
 */
@Serdeable
record SpotCheckView(String id, String carrier, Instant from, Instant to, int size, String seed, String algorithm,
    Instant drawnAt, String drawnBy, @Nullable Integer population, @Nullable String populationDigest,
    @Nullable List<String> sample) {

  static SpotCheckView of(SpotCheck c) {
    SpotCheck.Result r = c.result().orElse(null);
    return new SpotCheckView(c.id().toString(), c.carrier(), c.from(), c.to(), c.size(), c.seed(), c.algorithm(),
        c.drawnAt(), c.drawnBy(), r == null ? null : r.population(), r == null ? null : r.populationDigest(),
        r == null ? null : r.sample());
  }
}
