package npc.cassandra.embedded;

import java.net.InetAddress;
import java.util.Objects;

/**
 * A node's place in a cluster of embedded nodes: the loopback address it listens on and the seed it joins
 * through. A lone node has none: it keeps one token at 0 and listens on 127.0.0.1, which its existing data
 * directories were created with (Cassandra refuses to start when the token setup of a directory changes).
 *
 * @param address the node's own address, {@code 127.0.0.N}: Linux routes all of 127/8 to the loopback interface,
 *                so every node can use the same two ports
 * @param seed    the address of the node every other joins through (node 1's)
 */
public record ClusterMember(InetAddress address, InetAddress seed) {
  /** Vnodes per member: token ranges spread over the members without a manual choice of tokens. */
  static final int TOKENS = 16;
  /**
   * How long a joining member waits for the ring to settle, in ms. Cassandra's default of 30 s would make a
   * 3-node start last over a minute and a half; 10 s was enough on a 2-core machine.
   */
  static final int RING_DELAY_MILLIS = 10_000;

  public ClusterMember {
    Objects.requireNonNull(address, "address");
    Objects.requireNonNull(seed, "seed");
    if (!address.isLoopbackAddress() || !seed.isLoopbackAddress()) {
      throw new IllegalArgumentException("embedded cluster members live on loopback addresses, not " + address
          + " / " + seed);
    }
  }

  public boolean isSeed() {
    return address.equals(seed);
  }
}
