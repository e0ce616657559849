package npc.ops.audit;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import npc.core.storage.testing.TestCassandra;

/** What a service started by a test needs: the module's shared test node, a fresh keyspace, its files in a directory. */
final class TestServiceProperties {
  private TestServiceProperties() {}

  /** A fresh keyspace named from {@code purpose} and the identity key in {@code home}; tests add their own keys. */
  static Map<String, Object> on(String purpose, Path home) {
    TestCassandra.Cluster cluster = TestCassandra.cluster();
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("npc.cassandra.contact-points", cluster.contactPoints().stream().map(TestServiceProperties::hostPort)
        .collect(Collectors.joining(",")));
    p.put("npc.cassandra.local-datacenter", cluster.datacenter());
    p.put("npc.cassandra.keyspace", purpose + "_" + Long.toHexString(System.nanoTime()));
    p.put("npc.identity.key-file", home.resolve("identity.key").toString());
    return p;
  }

  private static String hostPort(InetSocketAddress a) {
    return a.getHostString() + ":" + a.getPort();
  }
}
