package npc.audit.findings;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Where the detectors' rounds keep what they found, and where the HTTP API reads it: by carrier, then rule (or a
 * signal's metric), then period. Writes are plain upserts: two instances' rounds over the same entries write the
 * same rows.
 */
public interface FindingStore {
  /** Keeps each result, replacing the row of the same carrier, rule, type and key. */
  void save(List<KeptFinding> results);

  /**
   * The results kept for {@code carrier} (and {@code rule} when given) whose window meets {@code [from, to)}, in
   * rule, type and key order.
   */
  List<KeptFinding> find(String carrier, Optional<String> rule, Instant from, Instant to);
}
