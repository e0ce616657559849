package npc.audit.sign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuditKeyFileTest {
  @TempDir
  Path dir;

  @Test
  void theFirstStartMakesAnOwnerOnlyKeyAndLaterStartsFindTheSameOne() throws IOException {
    Path file = dir.resolve("home/audit-signing.key");

    AuditSigner first = AuditKeyFile.load(file);
    AuditSigner second = AuditKeyFile.load(file);

    assertThat(Files.size(file)).isEqualTo(32);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
    assertThat(second.publicKey()).isEqualTo(first.publicKey());
  }

  @Test
  void aFileOfAnotherLengthIsRefusedAndLeftAsItWas() throws IOException {
    Path file = dir.resolve("audit-signing.key");
    Files.write(file, new byte[31]);

    assertThatThrownBy(() -> AuditKeyFile.load(file)).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("holds 31 bytes");
    assertThat(Files.readAllBytes(file)).hasSize(31);
  }

  @Test
  void aCommandThatSignsWhatTheServiceRecordedNeverMakesANewKey() {
    Path file = dir.resolve("missing.key");

    assertThatThrownBy(() -> AuditKeyFile.loadExisting(file)).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("there is no audit signing key file " + file);
    assertThat(Files.exists(file)).isFalse();
    AuditSigner made = AuditKeyFile.load(file);
    assertThat(AuditKeyFile.loadExisting(file).publicKey()).isEqualTo(made.publicKey());
  }

  @Test
  void thePublicKeyReadsBackFromItsPemAndFromItsHex() {
    AuditPublicKey key = AuditKeyFile.load(dir.resolve("k")).publicKey();

    assertThat(AuditPublicKey.parse(key.pem())).isEqualTo(key);
    assertThat(AuditPublicKey.parse(java.util.HexFormat.of().formatHex(key.raw()))).isEqualTo(key);
    assertThatThrownBy(() -> AuditPublicKey.parse("not a key")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("PEM");
  }

  @Test
  void theSeedOfRfc8032sFirstTestVectorGivesItsPublicKey() {
    AuditSigner signer = AuditSigner.fromSeed(java.util.HexFormat.of().parseHex(
        "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60"));

    assertThat(java.util.HexFormat.of().formatHex(signer.publicKey().raw()))
        .isEqualTo("d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a");
    assertThat(signer.sign(new byte[0]).hex()).isEqualTo("e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e06522"
        + "490155" + "5fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b");
  }
}
