package npc.ops.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClusterStateTest {
  @TempDir
  Path dir;

  @Test
  void whatStartWritesStopReadsBack() {
    ClusterState state = new ClusterState(41, List.of(42L, 43L, 44L), "127.0.0.1:9142,127.0.0.2:9142");
    state.write(dir);
    assertThat(ClusterState.read(dir)).contains(state);
    ClusterState.delete(dir);
    assertThat(ClusterState.read(dir)).isEmpty();
  }

  @Test
  void aDamagedFileIsNamedWithWhatToDo() throws IOException {
    Files.writeString(ClusterState.file(dir), "owner=not-a-pid\n");
    assertThatThrownBy(() -> ClusterState.read(dir))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(ClusterState.file(dir).toString())
        .hasMessageContaining("if no cluster runs, delete it");
  }
}
