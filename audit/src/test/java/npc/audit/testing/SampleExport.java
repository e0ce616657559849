package npc.audit.testing;

import java.io.StringWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import npc.audit.chain.Chain;
import npc.audit.export.ExportWriter;
import npc.audit.record.AuditEntry;
import npc.core.audit.AuditKind;
import npc.audit.record.AuditRecord;
import npc.audit.record.Bytes32;
import npc.audit.record.Checkpoint;
import npc.audit.sign.AuditSigner;

/**
 * Exports made with fixed keys, times and ids, for tests that tamper with them: every run gives the same bytes.
 */
public final class SampleExport {
  public static final Instant T0 = Instant.parse("2026-12-01T09:00:00.000Z");
  /** The seeds of two keys: the record's, and another that signs nothing of it. */
  public static final byte[] SEED = HexFormat.of().parseHex(
      "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60");
  public static final byte[] OTHER_SEED = HexFormat.of().parseHex(
      "4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb");

  private SampleExport() {}

  public static AuditSigner signer() {
    return AuditSigner.fromSeed(SEED);
  }

  /** The {@code i}-th record of a sample port history: a port opened, answered, and so on. */
  public static AuditRecord record(int i) {
    Instant at = T0.plusSeconds(7L * i);
    String port = new UUID(0x5ee0_0000_0000_0000L, i / 3).toString();
    AuditRecord r = AuditRecord.of(new UUID(0x57e9_0000_0000_0000L, i), at,
            List.of(AuditKind.PORT_OPENED, AuditKind.PORT_REJECTED_BY_DONOR, AuditKind.PORT_ACCEPTED).get(i % 3).name())
        .withSubject(port, "+86138000" + String.format("%05d", i / 3));
    if (i % 3 == 0) {
      byte[] digest = new byte[32];
      Arrays.fill(digest, (byte) i);
      return r.withActor("CMCC").withStates("SUBMITTED", "PENDING_DONOR").withDeadline(at.plusSeconds(1800))
          .withSubscriber(Bytes32.of(digest));
    }
    if (i % 3 == 1) {
      return r.withActor("CUCC").withStates("PENDING_DONOR", "REJECTED_BY_DONOR")
          .withReason("UNPAID_CHARGES", Map.of("amount", "120.50", "billingPeriod", "2026-10"));
    }
    return r.withActor("CTCC").withStates("PENDING_DONOR", "ACCEPTED");
  }

  /**
   * Chains {@code chains} of {@code perChain} entries each, a checkpoint every {@code every} entries, one heads
   * checkpoint over all of them, and the end: the lines of the export, without their line feeds.
   */
  public static List<String> lines(int chains, int perChain, int every) {
    return List.of(text(chains, perChain, every).split("\n"));
  }

  public static String text(int chains, int perChain, int every) {
    AuditSigner signer = signer();
    StringWriter out = new StringWriter();
    ExportWriter export = new ExportWriter(out, signer, T0, T0.plusSeconds(86_400));
    List<npc.audit.record.ChainHead> heads = new ArrayList<>();
    for (int c = 0; c < chains; c++) {
      Chain chain = new Chain("node" + (char) ('a' + c));
      List<AuditEntry> entries = new ArrayList<>();
      List<Checkpoint> checkpoints = new ArrayList<>();
      for (int i = 0; i < perChain; i++) {
        AuditEntry entry = chain.append(record(c * perChain + i));
        entries.add(entry);
        if (entry.position() % every == 0) {
          checkpoints.add(signer.checkpoint(chain.head(), entry.record().at()));
        }
      }
      heads.add(checkpoints.isEmpty() ? new npc.audit.record.ChainHead(chain.id(), 0, Bytes32.ZERO)
          : checkpoints.get(checkpoints.size() - 1).head());
      export.chain(chain.id(), 1, Bytes32.ZERO, entries.iterator(), checkpoints);
    }
    export.heads(List.of(signer.heads(T0.plusSeconds(3600), "nodea", heads)));
    export.finish(T0.plusSeconds(86_400));
    return out.toString();
  }
}
