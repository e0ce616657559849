package npc.ops.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import npc.audit.chain.Chain;
import npc.audit.export.ExportWriter;
import npc.audit.record.AuditEntry;
import npc.audit.record.AuditRecord;
import npc.audit.record.Bytes32;
import npc.audit.sign.AuditSigner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuditCommandTest {
  private static final AuditSigner SIGNER = AuditSigner.fromSeed(HexFormat.of().parseHex(
      "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60"));
  private static final Instant T0 = Instant.parse("2026-12-01T09:00:00.000Z");

  @TempDir
  Path dir;

  @Test
  void anUntouchedExportVerifiesWithExitZero() throws IOException {
    Path key = Files.writeString(dir.resolve("audit.pem"), SIGNER.publicKey().pem());

    CliRun run = run("audit", "verify", export(exportText()).toString(), "--key", key.toString());

    assertThat(run.code()).isZero();
    assertThat(run.out()).isEqualTo("audit verify: OK entries=3 chains=1 checkpoints=0\n");
  }

  @Test
  void aChangedExportFailsWithExitOneNamingChainPositionAndKind() throws IOException {
    String[] lines = exportText().split("\n");
    lines[2] = lines[2].replace("\"actor\":\"CMCC\"", "\"actor\":\"CUCC\"");
    String tampered = String.join("\n", lines) + "\n";

    CliRun run = run("audit", "verify", export(tampered).toString(), "--key",
        HexFormat.of().formatHex(SIGNER.publicKey().raw()));

    assertThat(run.code()).isEqualTo(1);
    assertThat(run.out()).isEqualTo("audit verify: FAILED chain=node1 position=2: modified\n");
  }

  @Test
  void aFileThatIsNotAnExportIsAClearErrorWithExitTwo() throws IOException {
    CliRun run = run("audit", "verify", export("hello\n").toString(), "--key",
        HexFormat.of().formatHex(SIGNER.publicKey().raw()));

    assertThat(run.code()).isEqualTo(2);
    assertThat(run.err()).contains("is not an npc audit export: line 1: not an npc audit export: not JSON");
  }

  @Test
  void findingsAreRecomputedFromAVerifiedExportAsJsonLines() throws IOException {
    CliRun run = run("audit", "findings", export(refusalsExport()).toString(), "--key",
        HexFormat.of().formatHex(SIGNER.publicKey().raw()));

    assertThat(run.code()).isZero();
    assertThat(run.out()).isEqualTo("{\"type\":\"finding\",\"carrier\":\"CUCC\",\"rule\":\"OFF_LIST_REASON\","
        + "\"from\":\"2026-12-01T09:00:00Z\",\"to\":\"2026-12-01T09:00:02.001Z\",\"severity\":\"LOW\","
        + "\"sentence\":\"CUCC tried 3 times to refuse ports with a reason off the closed list or evidence that fails "
        + "its rules\",\"evidence\":[{\"chain\":\"node1\",\"position\":1},{\"chain\":\"node1\",\"position\":2},"
        + "{\"chain\":\"node1\",\"position\":3}],\"subjects\":[\"p0\",\"p1\",\"p2\"]}\n");
  }

  @Test
  void anExportThatDoesNotVerifyGivesNoFindingsAndExitOne() throws IOException {
    String tampered = refusalsExport().replace("\"reason\":\"FAMILY_PLAN\"", "\"reason\":\"SOMETHING\"");

    CliRun run = run("audit", "findings", export(tampered).toString(), "--key",
        HexFormat.of().formatHex(SIGNER.publicKey().raw()));

    assertThat(run.code()).isEqualTo(1);
    assertThat(run.out()).isEqualTo("audit verify: FAILED chain=node1 position=1: modified\n");
  }

  @Test
  void aReportOfAVerifiedExportCarriesTheCarriersFindingsAsCsvOrJson() throws IOException {
    Path export = export(refusalsExport());
    String key = HexFormat.of().formatHex(SIGNER.publicKey().raw());

    CliRun csv = run("audit", "report", export.toString(), "--key", key, "--carrier", "CUCC", "--format", "csv");
    CliRun json = run("audit", "report", export.toString(), "--key", key, "--carrier", "CUCC");

    assertThat(csv.code()).isZero();
    assertThat(csv.out()).startsWith("section,name,value\nreport,carrier,CUCC\n")
        .contains("outcome,REFUSED_OFF_LIST_REASON,3\n", "finding,OFF_LIST_REASON,LOW\n", "compensation,owed,\n");
    assertThat(json.code()).isZero();
    assertThat(json.out()).startsWith("{\"carrier\":\"CUCC\"").contains("\"rule\":\"OFF_LIST_REASON\"");
  }

  @Test
  void noReportIsMadeOfAnExportThatDoesNotVerify() throws IOException {
    String tampered = refusalsExport().replace("\"reason\":\"FAMILY_PLAN\"", "\"reason\":\"SOMETHING\"");

    CliRun run = run("audit", "report", export(tampered).toString(), "--key",
        HexFormat.of().formatHex(SIGNER.publicKey().raw()), "--carrier", "CUCC");

    assertThat(run.code()).isEqualTo(1);
    assertThat(run.out()).isEqualTo("audit verify: FAILED chain=node1 position=1: modified\n");
  }

  @Test
  void keyPrintsThePublicKeyOfTheServicesKeyFile() throws IOException {
    Path file = Files.write(dir.resolve("audit-signing.key"), HexFormat.of().parseHex(
        "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60"));

    CliRun run = run("audit", "key", "--key-file", file.toString());

    assertThat(run.code()).isZero();
    assertThat(run.out()).isEqualTo(SIGNER.publicKey().pem());
  }

  @Test
  void keyAndExportNeverMakeAKeyTheServiceDidNot() {
    Path missing = dir.resolve("none.key");

    CliRun key = run("audit", "key", "--key-file", missing.toString());
    CliRun export = run("audit", "export", "--from", "2026-12-01T00:00:00Z", "--to", "2026-12-02T00:00:00Z",
        "--out", dir.resolve("out.jsonl").toString(), "--key-file", missing.toString());

    assertThat(key.code()).isEqualTo(2);
    assertThat(key.err()).contains("audit key: there is no audit signing key file " + missing);
    assertThat(export.code()).isEqualTo(2);
    assertThat(export.err()).contains("audit export: there is no audit signing key file " + missing);
    assertThat(Files.exists(missing)).isFalse();
    assertThat(Files.exists(dir.resolve("out.jsonl"))).isFalse();
  }

  @Test
  void anExportOfAnEmptyOrReversedPeriodIsRefusedBeforeAnythingOpens() {
    CliRun run = run("audit", "export", "--from", "2026-12-02T00:00:00Z", "--to", "2026-12-01T00:00:00Z",
        "--out", dir.resolve("out.jsonl").toString());

    assertThat(run.code()).isEqualTo(2);
    assertThat(run.err()).contains("audit export: --from 2026-12-02T00:00:00Z is not before --to 2026-12-01T00:00:00Z");
    assertThat(Files.exists(dir.resolve("out.jsonl"))).isFalse();
  }

  @Test
  void anExportIntoADirectoryThatIsNotThereIsRefused() {
    Path out = dir.resolve("no/such/dir/out.jsonl");

    CliRun run = run("audit", "export", "--from", "2026-12-01T00:00:00Z", "--to", "2026-12-02T00:00:00Z",
        "--out", out.toString());

    assertThat(run.code()).isEqualTo(2);
    assertThat(run.err()).contains("audit export: cannot write " + out);
  }

  private static String refusalsExport() {
    Chain chain = new Chain("node1");
    List<AuditEntry> entries = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      entries.add(chain.append(AuditRecord.of(new UUID(8, i), T0.plusSeconds(i), "REFUSED_OFF_LIST_REASON")
          .withActor("CUCC").withSubject("p" + i, "1380000000" + i)
          .withReason("FAMILY_PLAN", java.util.Map.of("refusal", "REASON_NOT_ON_LIST"))));
    }
    StringWriter out = new StringWriter();
    ExportWriter writer = new ExportWriter(out, SIGNER, T0, T0.plusSeconds(3600));
    writer.chain("node1", 1, Bytes32.ZERO, entries.iterator(), List.of());
    writer.finish(T0.plusSeconds(3600));
    return out.toString();
  }

  private Path export(String text) throws IOException {
    return Files.writeString(dir.resolve("export-" + UUID.randomUUID() + ".jsonl"), text);
  }

  private static String exportText() {
    Chain chain = new Chain("node1");
    List<AuditEntry> entries = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      entries.add(chain.append(AuditRecord.of(new UUID(7, i), T0.plusSeconds(i), "PORT_OPENED").withActor("CMCC")));
    }
    StringWriter out = new StringWriter();
    ExportWriter writer = new ExportWriter(out, SIGNER, T0, T0.plusSeconds(3600));
    writer.chain("node1", 1, Bytes32.ZERO, entries.iterator(), List.of());
    writer.finish(T0.plusSeconds(3600));
    return out.toString();
  }

  private static CliRun run(String... args) {
    return CliRun.of(args);
  }
}
