package npc.cassandra.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NodeClasspathTest {
  @TempDir
  Path dir;

  @Test
  void findsTheJammAgentAndPutsTheLauncherFirst() throws IOException {
    Path cassandra = Files.writeString(dir.resolve("cassandra-all-5.0.6.jar"), "");
    Path jamm = Files.writeString(dir.resolve("jamm-0.4.0.jar"), "");
    NodeClasspath classpath = NodeClasspath.parse(cassandra + File.pathSeparator + jamm, dir.resolve("classes"));
    assertThat(classpath.jamm()).isEqualTo(jamm);
    assertThat(classpath.asArgument())
        .isEqualTo(dir.resolve("classes") + File.pathSeparator + cassandra + File.pathSeparator + jamm);
  }

  @Test
  void aJarRemovedSinceTheBuildIsNamed() throws IOException {
    Path jamm = Files.writeString(dir.resolve("jamm-0.4.0.jar"), "");
    Path gone = dir.resolve("guava-32.jar");
    assertThatThrownBy(() -> NodeClasspath.parse(jamm + File.pathSeparator + gone, dir))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining(gone.toString())
        .hasMessageContaining("rebuild");
  }

  @Test
  void theBuiltResourceResolvesToCassandraAll() {
    NodeClasspath classpath = NodeClasspath.resolve();
    assertThat(classpath.jars()).anyMatch(p -> p.getFileName().toString().startsWith("cassandra-all-5.0."));
  }
}
