package npc.core.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import npc.cassandra.embedded.NodeSettings;
import org.junit.jupiter.api.Test;

class CassandraSettingsTest {
  private final CassandraSettings embedded = CassandraSettings.embedded(NodeSettings.defaults(Path.of("x")));

  @Test
  void contactPointsDefaultToPort9042() {
    assertThat(CassandraSettings.parseContactPoints("10.0.0.1, cass-2:9142,[::1]:9043"))
        .containsExactly(InetSocketAddress.createUnresolved("10.0.0.1", 9042),
            InetSocketAddress.createUnresolved("cass-2", 9142),
            InetSocketAddress.createUnresolved("::1", 9043));
  }

  @Test
  void badContactPointsAreRefused() {
    assertThatThrownBy(() -> CassandraSettings.parseContactPoints("host:99999")).hasMessageContaining("not a port");
    assertThatThrownBy(() -> CassandraSettings.parseContactPoints(" , ")).hasMessageContaining("no contact point");
    assertThatThrownBy(() -> CassandraSettings.parseContactPoints(":9042")).hasMessageContaining("without a host");
  }

  @Test
  void anExternalClusterNeedsADatacenter() {
    assertThatThrownBy(() -> embedded.withCluster(List.of(InetSocketAddress.createUnresolved("h", 9042)), ""))
        .hasMessageContaining("local datacenter");
  }

  @Test
  void keyspaceNamesAreChecked() {
    assertThatThrownBy(() -> embedded.withKeyspace("Bad-Name", Replication.simple(1)))
        .hasMessageContaining("keyspace must be");
  }

  @Test
  void replicationParsesBothStrategies() {
    assertThat(Replication.parse("SimpleStrategy:3").toCql())
        .isEqualTo("{'class': 'SimpleStrategy', 'replication_factor': 3}");
    assertThat(Replication.parse("NetworkTopologyStrategy:dc2=2, dc1=3").toCql())
        .isEqualTo("{'class': 'NetworkTopologyStrategy', 'dc1': 3, 'dc2': 2}");
    assertThat(Replication.parse("NetworkTopologyStrategy:dc1=3").factors()).isEqualTo(Map.of("dc1", 3));
  }

  @Test
  void badReplicationIsRefused() {
    assertThatThrownBy(() -> Replication.parse("SimpleStrategy")).hasMessageContaining("must look like");
    assertThatThrownBy(() -> Replication.parse("LocalStrategy:1")).hasMessageContaining("must be SimpleStrategy");
    assertThatThrownBy(() -> Replication.parse("NetworkTopologyStrategy:dc1=0")).hasMessageContaining("at least 1");
    assertThatThrownBy(() -> Replication.parse("NetworkTopologyStrategy:dc1'=1")).hasMessageContaining("datacenter");
  }
}
