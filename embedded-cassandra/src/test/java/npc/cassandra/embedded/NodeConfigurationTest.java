package npc.cassandra.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NodeConfigurationTest {
  @TempDir
  Path dir;

  @Test
  void aLoneNodeKeepsOneTokenOnLoopbackAndIsItsOwnSeed() throws IOException {
    String yaml = Files.readString(NodeConfiguration.writeYaml(NodeSettings.defaults(dir), 9142, 7100));
    assertThat(yaml).contains("num_tokens: 1\ninitial_token: 0\n", "listen_address: 127.0.0.1\n",
        "rpc_address: 127.0.0.1\n", "seeds: \"127.0.0.1:7100\"", "native_transport_port: 9142\n",
        "storage_port: 7100\n");
  }

  @Test
  void aMemberListensOnItsOwnAddressTakesVnodesAndJoinsThroughTheSeed() throws IOException {
    NodeSettings settings = NodeSettings.defaults(dir)
        .withMember(new ClusterMember(EmbeddedCluster.address(3), EmbeddedCluster.address(1)));
    String yaml = Files.readString(NodeConfiguration.writeYaml(settings, 9142, 7100));
    assertThat(yaml).contains("num_tokens: 16\n", "listen_address: 127.0.0.3\n", "rpc_address: 127.0.0.3\n",
        "seeds: \"127.0.0.1:7100\"", "concurrent_compactors: 1\n").doesNotContain("initial_token");
  }
}
