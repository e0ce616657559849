package npc.audit.chain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.Stream;
import npc.audit.export.AuditExporter;
import npc.audit.export.AuditVerifier;
import npc.audit.record.ChainHead;
import npc.audit.record.Checkpoint;
import npc.audit.sign.AuditKeyFile;
import npc.audit.sign.AuditKeys;
import npc.audit.sign.AuditSigner;
import npc.audit.store.AuditSchema;
import npc.audit.store.CassandraAuditStore;
import npc.audit.testing.SampleExport;
import npc.core.storage.Database;
import npc.core.storage.testing.TestCassandra;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A rotation on a real node: entries, the rotation, more entries checkpointed with the new key. The export of what
 * the store holds verifies with the old public key alone (the verifier learns the new key from the record), and a
 * checkpoint after the rotation signed by a key the record never introduced is a bad signature. The key file holds
 * the new key, the retired file the old one, both owner-only; an instance sharing the file follows on its next
 * reload; and an instance whose file was rotated by another refuses to rotate, recording nothing.
 */
class KeyRotationIT {
  private static final Instant T0 = SampleExport.T0;
  private static final Clock CLOCK = Clock.fixed(T0.plusSeconds(3600), ZoneOffset.UTC);
  private static final String OPERATOR = "OPERATOR:0123456789ab";

  @TempDir
  Path dir;
  private Database database;
  private CassandraAuditStore store;

  @BeforeEach
  void open() {
    database = Database.open(TestCassandra.freshKeyspaceSettings("audit_rotation"),
        List.of(AuditSchema.migrations()));
    store = new CassandraAuditStore(database.session());
  }

  @AfterEach
  void close() {
    database.close();
  }

  @Test
  void theExportVerifiesWithTheOldKeyAloneAndTheFileHoldsTheNewKey() throws IOException {
    Path file = dir.resolve("audit-signing.key");
    AuditKeys keys = AuditKeys.load(file);
    AuditKeys otherInstance = AuditKeys.load(file);
    AuditSigner old = keys.get();
    ChainAppender chain = ChainAppender.open("node1", store, keys, CLOCK, new CheckpointPolicy(4,
        Duration.ofHours(1)), 16);

    KeyRotation.Rotated rotated = rotateBetweenEntries(chain, keys);

    assertThat(rotated.entry().position()).isEqualTo(6);
    assertThat(rotated.entry().record().actor()).contains(OPERATOR);
    assertThat(rotated.covering().keyId()).isEqualTo(old.keyId());
    assertThat(rotated.covering().head().position()).isGreaterThanOrEqualTo(6);
    assertThat(store.checkpoints(chain.chainId())).extracting(c -> c.head().position() + " " + c.keyId())
        .containsExactly("4 " + old.keyId(), "6 " + old.keyId(), "8 " + rotated.newKey().id(),
            "11 " + rotated.newKey().id());
    new HeadsCheckpointer(chain.chainId(), store, keys, CLOCK).run();

    String export = export(keys.get());
    assertThat(AuditVerifier.verify(new StringReader(export), old.publicKey()).message())
        .isEqualTo("audit verify: OK entries=11 chains=1 checkpoints=5");
    assertThat(AuditVerifier.verify(new StringReader(export), rotated.newKey()).message())
        .as("the checkpoints before the rotation are the old key's").endsWith("position=4: bad-signature");

    assertThat(AuditKeyFile.loadExisting(file).publicKey()).isEqualTo(rotated.newKey());
    Path retired = AuditKeyFile.retiredFile(file, old.keyId());
    assertThat(AuditKeyFile.loadExisting(retired).publicKey()).isEqualTo(old.publicKey());
    assertThat(retired.getFileName().toString()).isEqualTo("audit-signing.key." + old.keyId().hex() + ".retired");
    for (Path p : List.of(file, retired)) {
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(p))).as(p.toString())
          .isEqualTo("rw-------");
    }
    try (Stream<Path> files = Files.list(dir)) {
      assertThat(files).as("no staged key left").containsExactlyInAnyOrder(file, retired);
    }

    assertThat(otherInstance.get().publicKey()).as("before its reload").isEqualTo(old.publicKey());
    assertThat(otherInstance.reload()).isTrue();
    assertThat(otherInstance.get().publicKey()).isEqualTo(rotated.newKey());
    assertThat(otherInstance.reload()).as("an unchanged file").isFalse();
  }

  @Test
  void aCheckpointAfterTheRotationByAThirdKeyIsABadSignature() throws IOException {
    AuditKeys keys = AuditKeys.load(dir.resolve("audit-signing.key"));
    AuditSigner old = keys.get();
    ChainAppender chain = ChainAppender.open("node2", store, keys, CLOCK, new CheckpointPolicy(4,
        Duration.ofHours(1)), 16);
    rotateBetweenEntries(chain, keys);
    Checkpoint atEight = store.checkpoints(chain.chainId()).stream().filter(c -> c.head().position() == 8)
        .findFirst().orElseThrow();

    AuditSigner third = AuditSigner.fromSeed(SampleExport.OTHER_SEED);
    store.insert(third.checkpoint(new ChainHead(chain.chainId(), 8, atEight.head().hash()), CLOCK.instant()))
        .toCompletableFuture().join();

    assertThat(AuditVerifier.verify(new StringReader(export(keys.get())), old.publicKey()).message())
        .isEqualTo("audit verify: FAILED chain=" + chain.chainId() + " position=8: bad-signature");
  }

  @Test
  void anInstanceWhoseKeyFileAnotherRotatedRefusesToRotateAndRecordsNothing() {
    Path file = dir.resolve("audit-signing.key");
    AuditKeys first = AuditKeys.load(file);
    AuditKeys second = AuditKeys.load(file);
    ChainAppender firstChain = ChainAppender.open("node3", store, first, CLOCK, CheckpointPolicy.DEFAULT, 16);
    ChainAppender secondChain = ChainAppender.open("node4", store, second, CLOCK, CheckpointPolicy.DEFAULT, 16);
    KeyRotation.Rotated rotated = new KeyRotation(firstChain, first, CLOCK, KeyRotation.DEFAULT_TIMEOUT)
        .rotate(OPERATOR, "routine");

    assertThatThrownBy(() -> new KeyRotation(secondChain, second, CLOCK, KeyRotation.DEFAULT_TIMEOUT)
        .rotate(OPERATOR, "routine")).isInstanceOf(AuditKeys.FileChanged.class)
        .hasMessageContaining("holds key " + rotated.newKey().id().hex());

    assertThat(secondChain.appended()).as("nothing recorded").isZero();
    assertThat(AuditKeyFile.loadExisting(file).publicKey()).isEqualTo(rotated.newKey());
    assertThat(second.get().publicKey()).isEqualTo(rotated.oldKey());
    firstChain.close();
    secondChain.close();
  }

  /** Entries 1-5, the rotation at 6, entries 7-11; checkpoints every 4 entries and at the close. */
  private KeyRotation.Rotated rotateBetweenEntries(ChainAppender chain, AuditKeys keys) {
    for (int i = 0; i < 5; i++) {
      chain.append(SampleExport.record(i)).join();
    }
    KeyRotation.Rotated rotated = new KeyRotation(chain, keys, CLOCK, KeyRotation.DEFAULT_TIMEOUT)
        .rotate(OPERATOR, "routine");
    for (int i = 5; i < 10; i++) {
      chain.append(SampleExport.record(i)).join();
    }
    chain.close();
    assertThat(keys.get().publicKey()).isEqualTo(rotated.newKey());
    return rotated;
  }

  private String export(AuditSigner signer) {
    StringWriter out = new StringWriter();
    AuditExporter.export(store, out, signer, T0, T0.plusSeconds(7200), T0.plusSeconds(7200));
    return out.toString();
  }
}
