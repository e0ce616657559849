package npc.ops.query;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.server.types.files.StreamedFile;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.security.annotation.Secured;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.inject.Named;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import npc.audit.export.AuditExporter;
import npc.audit.record.Checkpoint;
import npc.audit.sign.AuditSigner;
import npc.audit.sign.AuditKeys;
import npc.audit.store.CassandraAuditStore;
import npc.ops.api.ApiException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The audit record as a regulator takes it away: an export of a period (the audit's own exporter, streamed as it is
 * written, never held whole in memory), the chains' signed checkpoints, and the public key that checks them. What
 * {@code ./npc audit export} and {@code ./npc audit key} give on the service's machine, over HTTP.
 */
@Controller("/api/v1/audit")
@Secured("REGULATOR")
class AuditRecordController {
  static final MediaType NDJSON = MediaType.of("application/x-ndjson");
  private static final Logger LOG = LoggerFactory.getLogger(AuditRecordController.class);
  private static final int PIPE_BYTES = 64 * 1024;

  private final CassandraAuditStore store;
  private final AuditKeys keys;
  private final ExecutorService blocking;
  private final Clock clock = Clock.systemUTC();

  AuditRecordController(CassandraAuditStore store, AuditKeys keys,
      @Named(TaskExecutors.BLOCKING) ExecutorService blocking) {
    this.store = store;
    this.keys = keys;
    this.blocking = blocking;
  }

  /**
   * Streams the export while a worker writes it: a failure part way ends the stream before the signed end line,
   * which {@code ./npc audit verify} refuses as incomplete, so a broken export is never mistaken for a whole one.
   */
  @Operation(summary = "The signed export of the audit record of a period (JSON lines, audit/docs/format.md)")
  @Get(uri = "/export", produces = "application/x-ndjson")
  HttpResponse<StreamedFile> export(@QueryValue String from, @QueryValue String to) {
    Instant start = millis("from", QueryInput.instant("from", from));
    Instant end = millis("to", QueryInput.instant("to", to));
    if (!start.isBefore(end)) {
      throw ApiException.invalid("from", "must be before to (" + start + " is not before " + end + ")");
    }
    PipedInputStream in = new PipedInputStream(PIPE_BYTES);
    PipedOutputStream out;
    try {
      out = new PipedOutputStream(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Instant exportedAt = clock.instant().truncatedTo(ChronoUnit.MILLIS);
    AuditSigner signer = keys.get();
    blocking.execute(() -> {
      try (Writer writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8))) {
        AuditExporter.export(store, writer, signer, start, end, exportedAt);
      } catch (IOException | RuntimeException e) {
        LOG.warn("The audit export {} .. {} stopped before its end: {}", start, end, e.toString());
      }
    });
    return HttpResponse.ok(new StreamedFile(in, NDJSON)).header("Content-Disposition",
        "attachment; filename=\"npc-audit-" + start + "-" + end + ".jsonl\"");
  }

  @Operation(summary = "Every chain's latest checkpoint, or every checkpoint of one chain")
  @Get("/checkpoints")
  @io.micronaut.scheduling.annotation.ExecuteOn(TaskExecutors.BLOCKING)
  List<Map<String, Object>> checkpoints(@Nullable @QueryValue String chain) {
    if (chain == null) {
      return store.latestCheckpoints().stream().map(h -> Map.<String, Object>of("chain", h.chain(),
          "position", h.position(), "hash", h.hash().hex())).toList();
    }
    List<Checkpoint> all = store.checkpoints(chain);
    if (all.isEmpty() && store.latestCheckpoints().stream().noneMatch(h -> h.chain().equals(chain))) {
      throw ApiException.notFound("chain " + chain);
    }
    return all.stream().map(c -> Map.<String, Object>of("chain", c.head().chain(), "position", c.head().position(),
        "hash", c.head().hash().hex(), "at", c.at().toString(), "keyId", c.keyId().hex(),
        "signature", c.signature().hex())).toList();
  }

  /** The key in use now: after a rotation the new one, which the record introduces (an older export needs the old). */
  @Operation(summary = "The public key (PEM) that checks the record's signatures now")
  @Get(uri = "/key", produces = "application/x-pem-file")
  HttpResponse<String> key() {
    return HttpResponse.ok(keys.get().publicKey().pem()).contentType(MediaType.of("application/x-pem-file"));
  }

  private static Instant millis(String field, Instant at) {
    if (!at.truncatedTo(ChronoUnit.MILLIS).equals(at)) {
      throw ApiException.invalid(field, "must be whole milliseconds, the record's precision");
    }
    return at;
  }
}
