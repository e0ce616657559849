package npc.ops.cli;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import npc.audit.export.AuditExporter;
import npc.audit.record.ExportEnd;
import npc.audit.sign.AuditSigner;
import npc.audit.store.AuditSchema;
import npc.audit.store.CassandraAuditStore;
import npc.core.storage.Database;
import npc.core.storage.SchemaMigrations;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code npc audit export}: writes the stored record of a period as an export ({@code audit/docs/format.md}), signed
 * with the service's key, for {@code npc audit verify}. The file appears whole or not at all (written beside it,
 * then moved), so a failed export never leaves a file that looks truncated. Exit 0 when written, 1 when the
 * database cannot be opened or read (or the file written), 2 for bad arguments or no signing key.
 */
@Command(name = "export", mixinStandardHelpOptions = true,
    description = {"Exports the stored audit record of a period as signed JSON lines, for 'npc audit verify'.",
        "Opens the database as 'npc start' does: --cassandra/--datacenter for a cluster or a running service's "
        + "node, else the embedded node on --data-dir (only while no service runs on it)."})
final class AuditExportCommand implements Callable<Integer> {
  @Option(names = "--from", required = true, paramLabel = "T", description = "The period's start (ISO-8601, UTC).")
  Instant from;

  @Option(names = "--to", required = true, paramLabel = "T", description = "The period's end, exclusive.")
  Instant to;

  @Option(names = "--out", required = true, paramLabel = "FILE", description = "The export to write.")
  Path out;

  @Mixin
  DatabaseOptions database = new DatabaseOptions();

  @Mixin
  SigningKeyOption key = new SigningKeyOption();

  @Override
  public Integer call() {
    Optional<String> bad = arguments();
    if (bad.isPresent()) {
      System.err.println("audit export: " + bad.get());
      return 2;
    }
    Optional<AuditSigner> signer = key.signer("audit export");
    if (signer.isEmpty()) {
      return 2;
    }
    Database db;
    try {
      db = Database.open(database.settings(), List.of(SchemaMigrations.core(), AuditSchema.migrations()));
    } catch (RuntimeException e) {
      System.err.println("audit export: cannot open the database: " + StartCommand.reason(e));
      return 1;
    }
    Path partial = out.toAbsolutePath().resolveSibling(out.getFileName() + ".partial");
    try (db) {
      ExportEnd end;
      try (Writer writer = Files.newBufferedWriter(partial, StandardCharsets.UTF_8)) {
        end = AuditExporter.export(new CassandraAuditStore(db.session()), writer, signer.get(), from, to,
            Instant.now().truncatedTo(ChronoUnit.MILLIS));
      }
      Files.move(partial, out, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      long entries = end.chains().stream().mapToLong(c -> c.lastPosition() - c.firstPosition() + 1).sum();
      System.out.println("audit export: " + out + " entries=" + entries + " chains=" + end.chains().size());
      return 0;
    } catch (IOException | RuntimeException e) {
      deleteQuietly(partial);
      System.err.println("audit export: the export failed, nothing written to " + out + ": "
          + StartCommand.reason(e));
      return 1;
    }
  }

  private Optional<String> arguments() {
    if (database.problem().isPresent()) {
      return database.problem();
    }
    if (!from.isBefore(to)) {
      return Optional.of("--from " + from + " is not before --to " + to);
    }
    if (!from.truncatedTo(ChronoUnit.MILLIS).equals(from) || !to.truncatedTo(ChronoUnit.MILLIS).equals(to)) {
      return Optional.of("--from and --to are whole milliseconds, the record's precision");
    }
    Path dir = out.toAbsolutePath().getParent();
    if (dir == null || !Files.isDirectory(dir) || !Files.isWritable(dir)) {
      return Optional.of("cannot write " + out + ": its directory does not exist or is not writable");
    }
    return Optional.empty();
  }

  private static void deleteQuietly(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      // nothing more to do: the message above names the failure
    }
  }
}
