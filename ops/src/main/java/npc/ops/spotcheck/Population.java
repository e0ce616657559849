package npc.ops.spotcheck;

import java.time.Instant;
import java.util.Set;

/** The ports a spot check draws from. */
public interface Population {
  /** The ids of the ports opened in {@code [from, to)} with {@code carrier} as recipient or donor. */
  Set<String> ports(String carrier, Instant from, Instant to);
}
