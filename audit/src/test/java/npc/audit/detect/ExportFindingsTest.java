package npc.audit.detect;

import static npc.audit.detect.History.END;
import static npc.audit.detect.History.T0;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import npc.audit.export.ExportWriter;
import npc.audit.record.AuditEntry;
import npc.core.audit.AuditKind;
import npc.audit.record.Bytes32;
import npc.audit.sign.AuditSigner;
import npc.audit.testing.SampleExport;
import org.junit.jupiter.api.Test;

/**
 * Every detector over an export file, read through the verifier, gives the same findings, insufficient data and
 * signals as over the entries in memory; and an export that does not verify gives no entries to detect over.
 */
class ExportFindingsTest {
  private static final AuditSigner SIGNER = SampleExport.signer();
  private final History h = new History();

  private void obstructiveHistory() {
    for (int i = 0; i < 40; i++) {
      Instant at = T0.plus(Duration.ofHours(i + 1));
      h.opened("p" + i, History.number(i), "CM", "CU", at);
      Instant deadline = at.plus(Duration.ofMinutes(30));
      if (i < 5) {
        h.deemed("p" + i, History.number(i), "CU", at, deadline);
      } else if (i % 2 == 0) {
        h.rejected("p" + i, History.number(i), "CU", at.plusSeconds(60), "BINDING_TERM_ACTIVE",
            "agreement_id", "A-1", "end_date", "2027-06-30");
      } else {
        h.accepted("p" + i, History.number(i), "CU", at.plusSeconds(60));
      }
      h.opened("t" + i, History.number(100 + i), "CM", "CT", at);
      h.accepted("t" + i, History.number(100 + i), "CT", at.plusSeconds(60));
    }
    for (int i = 0; i < 3; i++) {
      h.refused(AuditKind.REFUSED_OFF_LIST_REASON, "x" + i, History.number(i), "CU", T0.plusSeconds(i),
          "FAMILY_PLAN");
    }
  }

  private String export(List<AuditEntry> entries) {
    StringWriter out = new StringWriter();
    ExportWriter export = new ExportWriter(out, SIGNER, T0, END);
    AuditEntry last = entries.get(entries.size() - 1);
    export.chain(last.chain(), 1, Bytes32.ZERO, entries.iterator(),
        List.of(SIGNER.checkpoint(new npc.audit.record.ChainHead(last.chain(), last.position(), last.hash()),
            last.record().at())));
    export.heads(List.of());
    export.finish(END);
    return out.toString();
  }

  @Test
  void findingsOverAVerifiedExportAreThoseOverTheEntriesInMemory() throws IOException {
    obstructiveHistory();
    Detectors detectors = new Detectors(DetectorSettings.defaults());
    Detection inMemory = detectors.run(h.entries(), T0, END);

    VerifiedEntries read = VerifiedEntries.read(new StringReader(export(h.entries())), SIGNER.publicKey());

    assertThat(read.result().ok()).isTrue();
    Detection fromFile = detectors.run(read.entries(), T0, END);
    assertThat(inMemory.findings()).extracting(Finding::rule)
        .contains(Rule.DEEMED_ACCEPTANCE, Rule.EVIDENCE_REUSED, Rule.OFF_LIST_REASON);
    assertThat(fromFile).isEqualTo(inMemory);
    assertThat(FindingsJson.lines(fromFile)).isEqualTo(FindingsJson.lines(inMemory));
  }

  @Test
  void anExportThatDoesNotVerifyYieldsNoEntries() throws IOException {
    obstructiveHistory();
    String text = export(h.entries()).replace("\"FAMILY_PLAN\"", "\"NOTHING\"");

    VerifiedEntries read = VerifiedEntries.read(new StringReader(text), SIGNER.publicKey());

    assertThat(read.result().message()).endsWith(": modified");
    assertThat(read.entries()).isEmpty();
  }
}
