package npc.audit.export;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import npc.audit.chain.Chain;
import npc.audit.record.AuditEntry;
import npc.core.audit.AuditKind;
import npc.audit.record.AuditRecord;
import npc.audit.record.Bytes32;
import npc.audit.record.Checkpoint;
import npc.audit.sign.AuditSigner;
import npc.audit.testing.SampleExport;
import org.junit.jupiter.api.Test;

/**
 * A rotation is an entry: the verifier, given the old key only, learns the new key from a {@code KEY_ROTATED} entry
 * that a checkpoint of the old key covers, and from no other source.
 */
class KeyRotationTest {
  private static final AuditSigner OLD = SampleExport.signer();
  private static final AuditSigner NEW = AuditSigner.fromSeed(SampleExport.OTHER_SEED);

  @Test
  void aKeyIntroducedByARotationEntryThatTheOldKeyCoversIsTrusted() throws IOException {
    String export = export(true, OLD);

    assertThat(AuditVerifier.verify(new StringReader(export), OLD.publicKey()).message())
        .isEqualTo("audit verify: OK entries=8 chains=1 checkpoints=2");
  }

  @Test
  void aKeyNoRotationEntryIntroducedIsABadSignature() throws IOException {
    String export = export(false, OLD);

    assertThat(AuditVerifier.verify(new StringReader(export), OLD.publicKey()).message())
        .isEqualTo("audit verify: FAILED chain=nodea position=8: bad-signature");
  }

  @Test
  void aRotationThatNoCheckpointOfATrustedKeyCoversIntroducesNothing() throws IOException {
    // The rotation entry is there, but the checkpoint after it is signed by the new key itself.
    String export = export(true, NEW);

    assertThat(AuditVerifier.verify(new StringReader(export), OLD.publicKey()).message())
        .isEqualTo("audit verify: FAILED chain=nodea position=4: bad-signature");
  }

  /**
   * Entries 1-3, then 4 a rotation (or an ordinary entry), a checkpoint at 4 by {@code coveredBy}, entries 5-8 and a
   * checkpoint at 8 by the new key; the end statement is signed by the new key.
   */
  private static String export(boolean rotate, AuditSigner coveredBy) {
    Chain chain = new Chain("nodea");
    List<AuditEntry> entries = new ArrayList<>();
    List<Checkpoint> checkpoints = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      AuditRecord record = SampleExport.record(i);
      if (i == 3 && rotate) {
        record = AuditRecord.of(record.step(), record.at(), AuditKind.KEY_ROTATED.name()).withEvidence(Map.of(
            "newKey", java.util.HexFormat.of().formatHex(NEW.publicKey().raw()), "newKeyId", NEW.keyId().hex()));
      }
      entries.add(chain.append(record));
      if (i == 3) {
        checkpoints.add(coveredBy.checkpoint(chain.head(), record.at()));
      }
    }
    checkpoints.add(NEW.checkpoint(chain.head(), entries.get(7).record().at()));
    StringWriter out = new StringWriter();
    ExportWriter writer = new ExportWriter(out, NEW, SampleExport.T0, SampleExport.T0.plusSeconds(3600));
    writer.chain("nodea", 1, Bytes32.ZERO, entries.iterator(), checkpoints);
    writer.finish(SampleExport.T0.plusSeconds(3600));
    return out.toString();
  }
}
