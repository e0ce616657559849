package npc.ops.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import npc.audit.chain.ChainAppender;
import npc.audit.chain.CheckpointPolicy;
import npc.audit.record.AuditRecord;
import npc.audit.sign.AuditKeyFile;
import npc.audit.sign.AuditSigner;
import npc.audit.store.AuditSchema;
import npc.audit.store.CassandraAuditStore;
import npc.core.storage.CassandraSettings;
import npc.core.storage.Database;
import npc.core.storage.testing.TestCassandra;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code npc audit export} against the shared test node, as an operator runs it beside a service: the record the
 * service stored is exported for a period with the service's key, and {@code npc audit verify} with the key
 * {@code npc audit key} prints accepts it. An unreachable database is exit 1 and leaves no file.
 */
class AuditExportIT {
  private static final Instant T0 = Instant.parse("2026-12-01T09:00:00.000Z");

  @TempDir
  Path dir;

  @Test
  void theExportOfWhatTheServiceStoredVerifiesWithThePrintedKey() throws Exception {
    CassandraSettings settings = TestCassandra.freshKeyspaceSettings("audit_export");
    Path keyFile = dir.resolve("audit-signing.key");
    AuditSigner signer = AuditKeyFile.load(keyFile);
    try (Database database = Database.open(settings, List.of(AuditSchema.migrations()))) {
      ChainAppender chain = ChainAppender.open("node1", new CassandraAuditStore(database.session()), signer,
          Clock.fixed(T0.plusSeconds(60), ZoneOffset.UTC), new CheckpointPolicy(2, Duration.ofHours(1)), 16);
      for (int i = 0; i < 5; i++) {
        chain.append(AuditRecord.of(new UUID(1, i), T0.plusSeconds(i), "PORT_OPENED").withActor("CM")).get();
      }
      chain.close();
    }
    Path out = dir.resolve("export.jsonl");
    String points = settings.contactPoints().stream().map(a -> a.getHostString() + ":" + a.getPort())
        .collect(Collectors.joining(","));

    CliRun export = CliRun.of("audit", "export", "--from", T0.plusSeconds(1).toString(), "--to",
        T0.plusSeconds(4).toString(), "--out", out.toString(), "--cassandra", points, "--datacenter",
        settings.localDatacenter(), "--keyspace", settings.keyspace(), "--key-file", keyFile.toString());
    assertThat(export.code()).as(export.err()).isZero();
    assertThat(export.out()).isEqualTo("audit export: " + out + " entries=3 chains=1\n");

    CliRun key = CliRun.of("audit", "key", "--key-file", keyFile.toString());
    Path pem = Files.writeString(dir.resolve("audit.pem"), key.out());
    CliRun verify = CliRun.of("audit", "verify", out.toString(), "--key", pem.toString());
    assertThat(verify.code()).isZero();
    assertThat(verify.out()).isEqualTo("audit verify: OK entries=3 chains=1 checkpoints=2\n");
  }

  @Test
  void anUnreachableDatabaseIsExitOneAndLeavesNoFile() throws Exception {
    AuditKeyFile.load(dir.resolve("audit-signing.key"));
    Path out = dir.resolve("export.jsonl");

    CliRun export = CliRun.of("audit", "export", "--from", T0.toString(), "--to", T0.plusSeconds(1).toString(),
        "--out", out.toString(), "--cassandra", "127.0.0.1:1", "--datacenter", "datacenter1",
        "--key-file", dir.resolve("audit-signing.key").toString());

    assertThat(export.code()).isEqualTo(1);
    assertThat(export.err()).contains("audit export: cannot open the database");
    assertThat(Files.list(dir).map(p -> p.getFileName().toString())).containsExactly("audit-signing.key");
  }
}
