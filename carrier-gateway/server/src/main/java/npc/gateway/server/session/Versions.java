package npc.gateway.server.session;

import java.util.OptionalInt;

/** The protocol versions this server speaks, and the choice of one with a peer. */
public record Versions(int lowest, int highest) {
  /** Version 1 is the only one so far. */
  public static final Versions SUPPORTED = new Versions(1, 1);

  public Versions {
    if (lowest < 1 || highest < lowest) {
      throw new IllegalArgumentException("versions must be 1 <= lowest <= highest: " + lowest + ".." + highest);
    }
  }

  /** The highest version both this server and a peer speaking {@code min}..{@code max} speak. */
  public OptionalInt choose(int min, int max) {
    int chosen = Math.min(highest, max);
    return chosen >= Math.max(lowest, min) ? OptionalInt.of(chosen) : OptionalInt.empty();
  }
}
