package npc.audit.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import npc.audit.chain.Chain;
import npc.audit.record.AuditEntry;
import npc.audit.record.AuditRecord;
import npc.audit.record.Bytes32;
import npc.audit.sign.AuditPublicKey;
import npc.audit.sign.AuditSigner;
import npc.audit.testing.SampleExport;
import org.junit.jupiter.api.Test;

/**
 * One test per kind of tampering, each naming the kind, the chain and the first bad position exactly. The sample is
 * two chains of 12 entries, a checkpoint every 4, one heads checkpoint and the end statement.
 */
class AuditVerifierTest {
  private static final AuditPublicKey KEY = SampleExport.signer().publicKey();

  private final List<String> lines = new ArrayList<>(SampleExport.lines(2, 12, 4));

  @Test
  void anUntouchedExportVerifies() throws IOException {
    assertThat(verify(lines).message()).isEqualTo("audit verify: OK entries=24 chains=2 checkpoints=7");
  }

  @Test
  void anEditedEntryIsModifiedAtItsPosition() throws IOException {
    int i = index("nodea", 5);
    lines.set(i, lines.get(i).replace("\"msisdn\":\"+8613800000001\"", "\"msisdn\":\"+8613800000009\""));
    assertThat(lines.get(i)).contains("+8613800000009");

    assertThat(verify(lines).message()).isEqualTo("audit verify: FAILED chain=nodea position=5: modified");
  }

  @Test
  void anEditedEntryWhoseStatedHashWasMadeToMatchIsStillModifiedAtItsPosition() throws IOException {
    int i = index("nodea", 5);
    AuditEntry original = parse(lines.get(i));
    AuditRecord edited = original.record().withReason("BINDING_TERM_ACTIVE", java.util.Map.of());
    lines.set(i, entryLine(new AuditEntry("nodea", 5, original.previous(), edited)));

    assertThat(verify(lines).message()).isEqualTo("audit verify: FAILED chain=nodea position=5: modified");
  }

  @Test
  void anEditedLastEntryIsModifiedAgainstTheEndStatement() throws IOException {
    int i = index("nodeb", 12);
    AuditEntry original = parse(lines.get(i));
    lines.set(i, entryLine(new AuditEntry("nodeb", 12, original.previous(), original.record().withActor("CBN"))));

    assertThat(verify(lines).message()).isEqualTo("audit verify: FAILED chain=nodeb position=12: modified");
  }

  @Test
  void aDeletedEntryIsRemovedAtItsPosition() throws IOException {
    lines.remove(index("nodea", 6));

    assertThat(verify(lines).message()).isEqualTo("audit verify: FAILED chain=nodea position=6: removed");
  }

  @Test
  void aChainDeletedWholeIsRemovedAtItsFirstPosition() throws IOException {
    lines.removeIf(line -> line.contains("\"chain\":\"nodeb\",\"position\""));

    assertThat(verify(lines).message()).isEqualTo("audit verify: FAILED chain=nodeb position=1: removed");
  }

  @Test
  void aForgedEntryWithAValidLinkIsInsertedAtItsPosition() throws IOException {
    int i = index("nodea", 6);
    AuditEntry fifth = parse(lines.get(index("nodea", 5)));
    AuditEntry forged = new Chain("nodea", 5, fifth.hash()).append(SampleExport.record(99));
    lines.add(i, entryLine(forged));

    assertThat(verify(lines).message()).isEqualTo("audit verify: FAILED chain=nodea position=6: inserted");
  }

  @Test
  void aForgedEntryWithTheRestRenumberedIsInsertedAtItsPosition() throws IOException {
    // The forger links its entry to position 5 and renumbers positions 6.. as 7..; it cannot relink them without
    // changing every later hash, so the entry after the forgery still links to position 5.
    int i = index("nodea", 6);
    AuditEntry fifth = parse(lines.get(index("nodea", 5)));
    AuditEntry forged = new Chain("nodea", 5, fifth.hash()).append(SampleExport.record(99));
    for (int p = 12; p >= 6; p--) {
      int at = index("nodea", p);
      AuditEntry e = parse(lines.get(at));
      lines.set(at, entryLine(new AuditEntry("nodea", p + 1, e.previous(), e.record())));
    }
    lines.add(i, entryLine(forged));

    assertThat(verify(lines).message()).isEqualTo("audit verify: FAILED chain=nodea position=6: inserted");
  }

  @Test
  void twoSwappedEntriesAreReorderedAtTheFirst() throws IOException {
    int sixth = index("nodea", 6);
    int seventh = index("nodea", 7);
    String line = lines.get(sixth);
    lines.set(sixth, lines.get(seventh));
    lines.set(seventh, line);

    assertThat(verify(lines).message()).isEqualTo("audit verify: FAILED chain=nodea position=6: reordered");
  }

  @Test
  void aFileCutInsideALineIsTruncatedAfterTheLastWholeEntry() throws IOException {
    String text = String.join("\n", lines) + "\n";
    int cut = text.indexOf("\"chain\":\"nodeb\",\"position\":9,") + 20;

    VerifyResult result = AuditVerifier.verify(new StringReader(text.substring(0, cut)), KEY);

    assertThat(result.message()).isEqualTo("audit verify: FAILED chain=nodeb position=9: truncated");
  }

  @Test
  void aFileCutBetweenLinesIsTruncatedNotTakenForAShorterExport() throws IOException {
    List<String> shorter = new ArrayList<>(lines.subList(0, index("nodeb", 9)));

    assertThat(verify(shorter).message()).isEqualTo("audit verify: FAILED chain=nodeb position=9: truncated");
  }

  @Test
  void aChainCutShortUnderItsEndStatementIsTruncated() throws IOException {
    lines.remove(index("nodea", 12));
    lines.remove(index("nodea", 11));

    assertThat(verify(lines).message()).isEqualTo("audit verify: FAILED chain=nodea position=11: truncated");
  }

  @Test
  void theWrongKeyIsABadSignatureAtTheFirstCheckpoint() throws IOException {
    AuditPublicKey other = AuditSigner.fromSeed(SampleExport.OTHER_SEED).publicKey();

    VerifyResult result = AuditVerifier.verify(new StringReader(String.join("\n", lines) + "\n"), other);

    assertThat(result.message()).isEqualTo("audit verify: FAILED chain=nodea position=4: bad-signature");
  }

  @Test
  void anAlteredSignatureOfTheEndIsABadSignature() throws IOException {
    int last = lines.size() - 1;
    String end = lines.get(last);
    int s = end.indexOf("\"signature\":\"") + 13;
    lines.set(last, end.substring(0, s) + (end.charAt(s) == '0' ? '1' : '0') + end.substring(s + 1));

    assertThat(verify(lines).message()).isEqualTo("audit verify: FAILED chain=nodea position=12: bad-signature");
  }

  @Test
  void anEmptyFileIsAClearError() {
    assertThatThrownBy(() -> AuditVerifier.verify(new StringReader(""), KEY))
        .isInstanceOf(AuditFormatException.class).hasMessage("the export is empty");
  }

  @Test
  void aFileThatIsNotJsonIsAClearError() {
    assertThatThrownBy(() -> AuditVerifier.verify(new StringReader("hello, regulator\n"), KEY))
        .isInstanceOf(AuditFormatException.class).hasMessageStartingWith("line 1: not an npc audit export: not JSON");
  }

  @Test
  void aLineThatIsNotJsonInsideTheExportNamesItsLine() {
    lines.set(5, "{\"type\":\"entry\", oops");

    assertThatThrownBy(() -> verify(lines)).isInstanceOf(AuditFormatException.class)
        .hasMessageStartingWith("line 6: not JSON");
  }

  @Test
  void anUnknownFieldIsRefusedRatherThanIgnored() {
    int i = index("nodea", 2);
    lines.set(i, lines.get(i).replace("\"kind\":", "\"note\":\"x\",\"kind\":"));

    assertThatThrownBy(() -> verify(lines)).isInstanceOf(AuditFormatException.class)
        .hasMessage("line " + (i + 1) + ": unknown field \"note\"");
  }

  private VerifyResult verify(List<String> export) throws IOException {
    return AuditVerifier.verify(new StringReader(String.join("\n", export) + "\n"), KEY);
  }

  private int index(String chain, long position) {
    String prefix = "{\"type\":\"entry\",\"chain\":\"" + chain + "\",\"position\":" + position + ",";
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).startsWith(prefix)) {
        return i;
      }
    }
    throw new AssertionError("no entry " + chain + "#" + position);
  }

  private static AuditEntry parse(String line) {
    return ((ExportLine.Entry) ExportParser.parse(1, line)).entry();
  }

  /** The export line of {@code entry}, as the writer makes it. */
  private static String entryLine(AuditEntry entry) {
    StringWriter out = new StringWriter();
    Iterator<AuditEntry> one = List.of(entry).iterator();
    new ExportWriter(out, SampleExport.signer(), SampleExport.T0, SampleExport.T0)
        .chain(entry.chain(), entry.position(), entry.previous(), one, List.of());
    return out.toString().split("\n")[1];
  }

  static {
    assertThat(Bytes32.ZERO.hex()).hasSize(64);
  }
}
