package npc.audit.export;

import java.io.StringWriter;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import npc.audit.chain.Chain;
import npc.audit.record.AuditEntry;
import npc.core.audit.AuditKind;
import npc.audit.record.AuditRecord;
import npc.audit.record.Bytes32;
import npc.audit.record.CanonicalEncoding;
import npc.audit.record.Checkpoint;
import npc.audit.record.ExportEnd;
import npc.audit.record.HeadsCheckpoint;
import npc.audit.sign.AuditSigner;

/**
 * Prints the worked example of {@code docs/format.md}: a three-entry export under a fixed key (the seed of RFC 8032's
 * first test vector), with every canonical encoding, hash and signature. Ed25519 is deterministic, so the output is
 * the same on every run; {@code FormatExampleTest} checks that the page still shows it.
 *
 * <p>Run: {@code java -cp <audit test classpath> npc.audit.export.FormatExample}
 */
public final class FormatExample {
  static final byte[] SEED = HexFormat.of().parseHex(
      "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60");
  static final Instant FROM = Instant.parse("2026-12-01T00:00:00.000Z");
  static final Instant TO = Instant.parse("2026-12-02T00:00:00.000Z");

  private FormatExample() {}

  /** The three records: a port opened by its recipient, rejected by its donor with evidence, then a refusal. */
  static List<AuditRecord> records() {
    Instant t = Instant.parse("2026-12-01T09:30:00.000Z");
    String port = "0b5c2f8e-3c4d-4e21-9a57-6f0e2d1c9b10";
    return List.of(
        AuditRecord.of(UUID.fromString("6a1f0c52-9e0b-4c3e-8d1e-2b7a4f5c6d01"), t, AuditKind.PORT_OPENED.name())
            .withActor("CMCC").withSubject(port, "+8613800138000").withStates("SUBMITTED", "PENDING_DONOR")
            .withDeadline(Instant.parse("2026-12-01T10:00:00.000Z"))
            .withSubscriber(Bytes32.ofHex("5d41402abc4b2a76b9719d911017c592ae2b3c4d5e6f708192a3b4c5d6e7f809")),
        AuditRecord.of(UUID.fromString("6a1f0c52-9e0b-4c3e-8d1e-2b7a4f5c6d02"), t.plusMillis(754_321),
                AuditKind.PORT_REJECTED_BY_DONOR.name())
            .withActor("CUCC").withSubject(port, "+8613800138000").withStates("PENDING_DONOR", "REJECTED_BY_DONOR")
            .withReason("UNPAID_CHARGES", Map.of("amount", "86.40", "billingPeriod", "2026-11"))
            .withDeadline(Instant.parse("2026-12-01T10:00:00.000Z")),
        AuditRecord.of(UUID.fromString("6a1f0c52-9e0b-4c3e-8d1e-2b7a4f5c6d03"), t.plusMillis(901_002),
                AuditKind.REFUSED_OFF_LIST_REASON.name())
            .withActor("CUCC").withSubject(port, "+8613800138000")
            .withReason("FAMILY_PLAN", Map.of("note", "副卡未解绑")));
  }

  /** The export text, and everything the page shows about it. */
  static String run(StringBuilder explanation) {
    AuditSigner signer = AuditSigner.fromSeed(SEED);
    HexFormat hex = HexFormat.of();
    explanation.append("public key (raw, hex): ").append(hex.formatHex(signer.publicKey().raw())).append('\n');
    explanation.append("key id: ").append(signer.keyId().hex()).append('\n');
    explanation.append("public key (PEM):\n").append(signer.publicKey().pem());
    Chain chain = new Chain("node1-7f3a");
    List<AuditEntry> entries = records().stream().map(chain::append).toList();
    for (AuditEntry e : entries) {
      explanation.append("\nentry ").append(e.position()).append(" canonical encoding (")
          .append(CanonicalEncoding.entry(e).length).append(" bytes):\n")
          .append(wrap(hex.formatHex(CanonicalEncoding.entry(e)))).append("entry ").append(e.position())
          .append(" hash: ").append(e.hash().hex()).append('\n');
    }
    Checkpoint checkpoint = signer.checkpoint(chain.head(), Instant.parse("2026-12-01T09:45:05.000Z"));
    explanation.append("\ncheckpoint signed bytes:\n").append(wrap(hex.formatHex(
            CanonicalEncoding.checkpoint(checkpoint.head(), checkpoint.at(), checkpoint.keyId()))))
        .append("checkpoint signature: ").append(checkpoint.signature().hex()).append('\n');
    HeadsCheckpoint heads = signer.heads(Instant.parse("2026-12-01T09:46:00.000Z"), "node1-7f3a",
        List.of(chain.head()));
    explanation.append("\nheads signed bytes:\n").append(wrap(hex.formatHex(
            CanonicalEncoding.heads(heads.at(), heads.madeBy(), heads.heads(), heads.keyId()))))
        .append("heads signature: ").append(heads.signature().hex()).append('\n');
    StringWriter out = new StringWriter();
    ExportWriter export = new ExportWriter(out, signer, FROM, TO);
    export.chain(chain.id(), 1, Bytes32.ZERO, entries.iterator(), List.of(checkpoint));
    export.heads(List.of(heads));
    ExportEnd end = export.finish(Instant.parse("2026-12-02T08:00:00.000Z"));
    explanation.append("\nend statement signed bytes:\n").append(wrap(hex.formatHex(
            CanonicalEncoding.exportEnd(end.from(), end.to(), end.exportedAt(), end.chains(), end.keyId()))))
        .append("end signature: ").append(end.signature().hex()).append('\n');
    return out.toString();
  }

  private static String wrap(String hex) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < hex.length(); i += 64) {
      out.append(hex, i, Math.min(hex.length(), i + 64)).append('\n');
    }
    return out.toString();
  }

  public static void main(String[] args) {
    StringBuilder explanation = new StringBuilder();
    String export = run(explanation);
    System.out.println("=== export (JSON Lines) ===");
    System.out.print(export);
    System.out.println("=== details ===");
    System.out.print(explanation);
  }
}
