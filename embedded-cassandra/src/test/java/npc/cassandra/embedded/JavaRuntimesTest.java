package npc.cassandra.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JavaRuntimesTest {
  @TempDir
  Path home;

  @Test
  void readsTheMajorVersionFromTheReleaseFile() throws IOException {
    Files.writeString(home.resolve("release"), "IMPLEMENTOR=\"x\"\nJAVA_VERSION=\"17.0.15\"\n");
    assertThat(JavaRuntimes.majorVersion(home)).contains(17);
  }

  @Test
  void readsTheOldSpellingOfJava8() throws IOException {
    Files.writeString(home.resolve("release"), "JAVA_VERSION=\"1.8.0_402\"\n");
    assertThat(JavaRuntimes.majorVersion(home)).contains(8);
  }

  @Test
  void anUnknownHomeHasNoVersion() {
    assertThat(JavaRuntimes.majorVersion(home)).isEmpty();
  }

  @Test
  void theRunningJvmIsKnownEvenWithoutAReleaseFile() {
    assertThat(JavaRuntimes.majorVersion(Path.of(System.getProperty("java.home"))))
        .contains(Runtime.version().feature());
  }
}
