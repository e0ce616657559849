package npc.cassandra.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class NodeSettingsTest {
  @Test
  void defaultsChooseFreePortsAndKeepTheLogUnderTheDirectory() {
    NodeSettings settings = NodeSettings.defaults(Path.of("/srv/npc"));
    assertThat(settings.nativePort()).isZero();
    assertThat(settings.storagePort()).isZero();
    assertThat(settings.startTimeout()).isEqualTo(NodeSettings.DEFAULT_START_TIMEOUT);
    assertThat(settings.logFile()).isEqualTo(Path.of("/srv/npc/logs/system.log"));
  }

  @Test
  void refusesImpossiblePortsAndTinyHeaps() {
    NodeSettings settings = NodeSettings.defaults(Path.of("x"));
    assertThatThrownBy(() -> settings.withPorts(70000, 0)).hasMessageContaining("nativePort");
    assertThatThrownBy(() -> settings.withHeapMegabytes(64)).hasMessageContaining("at least 256 MB");
  }
}
