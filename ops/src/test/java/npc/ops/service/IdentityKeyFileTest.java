package npc.ops.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import npc.core.identity.SubscriberIdentity;
import npc.ops.StartupException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdentityKeyFileTest {
  private static final SubscriberIdentity SUBSCRIBER = new SubscriberIdentity("Li Lei", "110101199003077777");

  @TempDir
  Path dir;

  @Test
  void aMissingKeyIsCreatedOwnerOnlyAndTheSameKeyIsReadAtTheNextStart() throws Exception {
    Path file = dir.resolve("home/.npc/identity.key");

    byte[] first = IdentityKeyFile.load(file).digest(SUBSCRIBER);

    assertThat(Files.size(file)).isEqualTo(32);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
    assertThat(IdentityKeyFile.load(file).digest(SUBSCRIBER)).as("digest under the stored key").isEqualTo(first);
  }

  @Test
  void aKeyShorterThan32BytesIsRefusedAndLeftAsItIs() throws Exception {
    Path file = Files.write(dir.resolve("identity.key"), new byte[31]);

    assertThatThrownBy(() -> IdentityKeyFile.load(file))
        .isInstanceOf(StartupException.class)
        .hasMessageContaining(file.toString())
        .hasMessageContaining("holds 31 bytes")
        .hasMessageContaining("32 at least");
    assertThat(Files.size(file)).isEqualTo(31);
  }
}
