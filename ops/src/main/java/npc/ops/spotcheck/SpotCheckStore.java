package npc.ops.spotcheck;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Where spot checks are kept. */
public interface SpotCheckStore {
  /** Keeps a draw's parameters and seed (no result yet). */
  void seeded(SpotCheck check);

  /** Adds the result to a seeded draw. */
  void drawn(UUID id, SpotCheck.Result result);

  Optional<SpotCheck> find(UUID id);

  /** Every draw of {@code carrier}, oldest first. */
  List<SpotCheck> ofCarrier(String carrier);
}
