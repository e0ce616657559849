package npc.ops.cli;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Function;
import npc.audit.detect.AuditHistory;
import npc.audit.detect.Detection;
import npc.audit.detect.DetectorSettings;
import npc.audit.detect.Detectors;
import npc.audit.detect.FindingsJson;
import npc.audit.detect.VerifiedEntries;
import npc.audit.export.AuditFormatException;
import npc.audit.export.AuditVerifier;
import npc.audit.export.VerifyResult;
import npc.audit.record.AuditEntry;
import npc.audit.sign.AuditPublicKey;
import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code npc audit}: the record's commands. {@code verify} needs no database and no running service: it is what a
 * regulator runs on an export; so does {@code findings}, which verifies first and then recomputes the findings from
 * the export alone. {@code export} ({@link AuditExportCommand}) reads the database and signs with the service's key;
 * {@code key} ({@link AuditKeyCommand}) prints the public key to verify with; {@code rotate-key}
 * ({@link AuditRotateKeyCommand}) asks the running service to rotate it.
 */
@Command(name = "audit", description = "The tamper-evident audit record.",
    subcommands = {AuditExportCommand.class, AuditCommand.Verify.class, AuditCommand.Findings.class,
        AuditKeyCommand.class, AuditRotateKeyCommand.class, AuditReportCommand.class, HelpCommand.class})
public final class AuditCommand implements Runnable {
  @picocli.CommandLine.Spec
  picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }

  /** Exit 0 when the export verifies, 1 when it does not, 2 when it cannot be read as an export or the key as a key. */
  @Command(name = "verify", description = "Verifies an export offline: every hash, link and signature, and that it "
      + "holds what its signed end says. Prints 'audit verify: OK ...' or 'audit verify: FAILED chain=X "
      + "position=P: <kind>'.")
  static final class Verify extends ExportArguments implements Callable<Integer> {
    @Override
    public Integer call() {
      Optional<AuditPublicKey> publicKey = readKey("audit verify", key);
      if (publicKey.isEmpty()) {
        return 2;
      }
      try {
        VerifyResult result = AuditVerifier.verify(file, publicKey.get());
        System.out.println(result.message());
        return result.ok() ? 0 : 1;
      } catch (AuditFormatException e) {
        System.err.println("audit verify: " + file + " is not an npc audit export: " + e.getMessage());
        return 2;
      } catch (UncheckedIOException e) {
        System.err.println("audit verify: " + e.getMessage());
        return 2;
      }
    }
  }

  /** The export and the key to verify it with, as every command reading an export takes them. */
  abstract static class ExportArguments {
    @Parameters(index = "0", paramLabel = "FILE", description = "the export (JSON Lines)")
    Path file;

    @Option(names = "--key", required = true, paramLabel = "PUBKEY",
        description = "the clearinghouse's audit public key: a PEM file, or 64 hex digits")
    String key;
  }

  /** The key as a PEM file or 64 hex digits; empty, with the reason printed, when it is neither. */
  static Optional<AuditPublicKey> readKey(String command, String key) {
    try {
      return Optional.of(AuditPublicKey.parse(Files.exists(Path.of(key))
          ? Files.readString(Path.of(key), StandardCharsets.UTF_8) : key));
    } catch (IOException | IllegalArgumentException e) {
      System.err.println(command + ": cannot read the key " + key + ": " + e.getMessage());
      return Optional.empty();
    }
  }

  /**
   * Verifies the export, then prints the findings, insufficient data and signals of every detector over its entries
   * as JSON Lines ({@code audit/docs/detectors.md}). Exit 0 when it verified (whatever was found), 1 when it does
   * not verify (the failure printed, no findings), 2 when the file is not an export or the key not a key.
   */
  @Command(name = "findings", description = "Verifies an export, then recomputes the obstruction findings and "
      + "signals from it alone, printed as JSON lines.")
  static final class Findings extends PeriodOfExport implements Callable<Integer> {
    @Override
    public Integer call() {
      return withHistory("audit findings", history -> {
        Detection detection = new Detectors(DetectorSettings.defaults()).run(history);
        FindingsJson.lines(detection).forEach(System.out::println);
        return 0;
      });
    }
  }

  /**
   * An export, its key and the period to judge in it, as the commands that read a verified export's entries take
   * them. The period defaults to the entries' span.
   */
  abstract static class PeriodOfExport extends ExportArguments {
    @Option(names = "--from", paramLabel = "T", description = "the period's start (ISO-8601); default: the first "
        + "entry's time")
    Instant from;

    @Option(names = "--to", paramLabel = "T", description = "the period's end, exclusive (ISO-8601); default: just "
        + "after the last entry's time")
    Instant to;

    /**
     * Verifies the export and runs {@code then} over its entries and the period; exit 1 (the verifier's failure
     * printed) when it does not verify, 2 when it is not an export, the key not a key or the period empty.
     */
    Integer withHistory(String command, Function<AuditHistory, Integer> then) {
      Optional<AuditPublicKey> publicKey = readKey(command, key);
      if (publicKey.isEmpty()) {
        return 2;
      }
      VerifiedEntries read;
      try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
        read = VerifiedEntries.read(in, publicKey.get());
      } catch (AuditFormatException e) {
        System.err.println(command + ": " + file + " is not an npc audit export: " + e.getMessage());
        return 2;
      } catch (IOException e) {
        System.err.println(command + ": cannot read the export " + file + ": " + e.getMessage());
        return 2;
      }
      if (!read.result().ok()) {
        System.out.println(read.result().message());
        return 1;
      }
      List<AuditEntry> entries = read.entries();
      Instant start = from != null ? from : entries.stream().map(e -> e.record().at()).min(Instant::compareTo)
          .orElse(Instant.EPOCH);
      Instant end = to != null ? to : entries.stream().map(e -> e.record().at()).max(Instant::compareTo)
          .orElse(start).plusMillis(1);
      if (!start.isBefore(end)) {
        System.err.println(command + ": --from " + start + " is not before --to " + end);
        return 2;
      }
      return then.apply(new AuditHistory(entries, start, end));
    }
  }
}
