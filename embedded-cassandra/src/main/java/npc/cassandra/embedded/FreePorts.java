package npc.cassandra.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Chooses loopback ports for a node. A port found free can be taken by another process before the node binds
 * it; no choice made outside the node can prevent that. So the choice is only a good first guess, and
 * {@link EmbeddedCassandra} retries with new ports when the node reports that an address is in use. Within one
 * JVM, ports already handed out are never handed out twice.
 */
final class FreePorts {
  private final Set<Integer> handedOut = new HashSet<>();

  synchronized int next() {
    for (int attempt = 0; attempt < 100; attempt++) {
      int port = bindEphemeral();
      if (handedOut.add(port)) {
        return port;
      }
    }
    throw new IllegalStateException("no free loopback port found after 100 attempts");
  }

  /**
   * A port free on every one of {@code addresses}, for a cluster whose nodes all use the same ports on their own
   * addresses. Never one handed out before by this instance.
   */
  synchronized int nextFreeOnAll(List<InetAddress> addresses) {
    for (int attempt = 0; attempt < 100; attempt++) {
      int port = bindEphemeral();
      if (!handedOut.contains(port) && addresses.stream().allMatch(a -> isFree(a, port))) {
        handedOut.add(port);
        return port;
      }
    }
    throw new IllegalStateException("no port free on all of " + addresses + " after 100 attempts");
  }

  static boolean isFree(int port) {
    return isFree(InetAddress.getLoopbackAddress(), port);
  }

  /**
   * Whether a node could listen on the port now. With SO_REUSEADDR, as the node's own sockets bind: connections of
   * a node that just ended, still in TIME_WAIT for a minute, do not stop it from listening there again.
   */
  static boolean isFree(InetAddress address, int port) {
    try (ServerSocket socket = new ServerSocket()) {
      socket.setReuseAddress(true);
      socket.bind(new InetSocketAddress(address, port));
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private static int bindEphemeral() {
    try (ServerSocket socket = new ServerSocket()) {
      socket.setReuseAddress(false);
      socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot bind a loopback port", e);
    }
  }
}
