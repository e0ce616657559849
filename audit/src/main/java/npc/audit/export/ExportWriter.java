package npc.audit.export;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import npc.audit.record.AuditEntry;
import npc.audit.record.AuditRecord;
import npc.audit.record.Bytes32;
import npc.audit.record.ChainHead;
import npc.audit.record.Checkpoint;
import npc.audit.record.ExportEnd;
import npc.audit.record.HeadsCheckpoint;
import npc.audit.sign.AuditSigner;

/**
 * Writes an export as JSON Lines ({@code format.md}, "The export"): a header; each chain's entries in position order,
 * each checkpoint right after the entry it covers; the heads checkpoints; and last the end statement, signed, naming
 * each chain's first and last position and last hash. Every line ends with a line feed, the last one too, so a file
 * cut inside a line is seen cut. The writer checks that each chain's positions follow one another, but writes the links
 * as it finds them: an entry changed where it is stored shows in the export as a broken link, for the verifier to
 * name.
 */
public final class ExportWriter {
  private static final JsonFactory JSON = JsonFactory.builder().build();

  private final Writer out;
  private final JsonGenerator json;
  private final AuditSigner signer;
  private final Instant from;
  private final Instant to;
  private final List<ExportEnd.Extent> extents = new ArrayList<>();
  private final Set<String> chains = new HashSet<>();
  private boolean finished;

  public ExportWriter(Writer out, AuditSigner signer, Instant from, Instant to) {
    this.out = out;
    this.signer = signer;
    this.from = from;
    this.to = to;
    try {
      this.json = JSON.createGenerator(out);
      json.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
      json.setRootValueSeparator(null);
      json.writeStartObject();
      json.writeStringField("type", "header");
      json.writeStringField("format", "npc-audit-export/1");
      json.writeStringField("from", ExportTime.format(from));
      json.writeStringField("to", ExportTime.format(to));
      json.writeStringField("keyId", signer.keyId().hex());
      endLine();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Writes one chain: {@code entries} from {@code firstPosition} on, in order, the first linked to
   * {@code firstPrevious} (the hash at {@code firstPosition - 1}, or zero at the chain's start), and the checkpoints
   * among them. An empty chain is stated with no entries.
   */
  public void chain(String chain, long firstPosition, Bytes32 firstPrevious, Iterator<AuditEntry> entries,
      List<Checkpoint> checkpoints) {
    if (finished || !chains.add(chain)) {
      throw new IllegalStateException(finished ? "the export is finished" : "chain " + chain + " written twice");
    }
    List<Checkpoint> sorted = new ArrayList<>(checkpoints);
    sorted.sort(Comparator.comparingLong(c -> c.head().position()));
    int next = 0;
    long position = firstPosition - 1;
    Bytes32 hash = firstPrevious;
    try {
      while (entries.hasNext()) {
        AuditEntry entry = entries.next();
        if (!entry.chain().equals(chain) || entry.position() != position + 1) {
          throw new IllegalStateException("chain " + chain + " is not in order at position " + (position + 1)
              + ": found " + entry);
        }
        writeEntry(entry);
        position = entry.position();
        hash = entry.hash();
        while (next < sorted.size() && sorted.get(next).head().position() <= position) {
          Checkpoint checkpoint = sorted.get(next++);
          if (checkpoint.head().position() >= firstPosition) {
            writeCheckpoint(checkpoint);
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    extents.add(new ExportEnd.Extent(chain, firstPosition, firstPrevious, position, hash));
  }

  public void heads(List<HeadsCheckpoint> heads) {
    try {
      for (HeadsCheckpoint h : heads) {
        json.writeStartObject();
        json.writeStringField("type", "heads");
        json.writeStringField("at", ExportTime.format(h.at()));
        json.writeStringField("madeBy", h.madeBy());
        json.writeStringField("keyId", h.keyId().hex());
        json.writeArrayFieldStart("heads");
        for (ChainHead head : h.heads()) {
          json.writeStartObject();
          json.writeStringField("chain", head.chain());
          json.writeNumberField("position", head.position());
          json.writeStringField("hash", head.hash().hex());
          json.writeEndObject();
        }
        json.writeEndArray();
        json.writeStringField("signature", h.signature().hex());
        endLine();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Signs and writes the end statement; nothing may be written after it. */
  public ExportEnd finish(Instant exportedAt) {
    ExportEnd end = signer.exportEnd(from, to, exportedAt, extents);
    try {
      json.writeStartObject();
      json.writeStringField("type", "end");
      json.writeStringField("from", ExportTime.format(end.from()));
      json.writeStringField("to", ExportTime.format(end.to()));
      json.writeStringField("exportedAt", ExportTime.format(end.exportedAt()));
      json.writeStringField("keyId", end.keyId().hex());
      json.writeArrayFieldStart("chains");
      for (ExportEnd.Extent e : end.chains()) {
        json.writeStartObject();
        json.writeStringField("chain", e.chain());
        json.writeNumberField("firstPosition", e.firstPosition());
        json.writeStringField("firstPrevious", e.firstPrevious().hex());
        json.writeNumberField("lastPosition", e.lastPosition());
        json.writeStringField("lastHash", e.lastHash().hex());
        json.writeEndObject();
      }
      json.writeEndArray();
      json.writeStringField("signature", end.signature().hex());
      endLine();
      json.close();
      out.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    finished = true;
    return end;
  }

  /**
   * One entry as its line of an export, without the line break: what a reader of a number's history compares with
   * the export that holds the entry.
   */
  public static String line(AuditEntry entry) {
    java.io.StringWriter out = new java.io.StringWriter();
    try (JsonGenerator line = JSON.createGenerator(out)) {
      writeEntry(line, entry);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString();
  }

  private void writeEntry(AuditEntry entry) throws IOException {
    writeEntry(json, entry);
    json.flush();
    out.write('\n');
  }

  private static void writeEntry(JsonGenerator json, AuditEntry entry) throws IOException {
    AuditRecord r = entry.record();
    json.writeStartObject();
    json.writeStringField("type", "entry");
    json.writeStringField("chain", entry.chain());
    json.writeNumberField("position", entry.position());
    json.writeStringField("previous", entry.previous().hex());
    json.writeStringField("hash", entry.hash().hex());
    json.writeStringField("step", r.step().toString());
    json.writeStringField("at", ExportTime.format(r.at()));
    if (r.actor().isPresent()) {
      json.writeStringField("actor", r.actor().get());
    }
    json.writeStringField("kind", r.kind());
    optional(json, "subject", r.subject().orElse(null));
    optional(json, "msisdn", r.msisdn().orElse(null));
    optional(json, "stateBefore", r.stateBefore().orElse(null));
    optional(json, "stateAfter", r.stateAfter().orElse(null));
    optional(json, "reason", r.reason().orElse(null));
    json.writeObjectFieldStart("evidence");
    for (Map.Entry<String, String> e : r.evidence().entrySet()) {
      json.writeStringField(e.getKey(), e.getValue());
    }
    json.writeEndObject();
    optional(json, "deadline", r.deadline().map(ExportTime::format).orElse(null));
    optional(json, "subscriber", r.subscriber().map(Bytes32::hex).orElse(null));
    json.writeEndObject();
  }

  private void writeCheckpoint(Checkpoint c) throws IOException {
    json.writeStartObject();
    json.writeStringField("type", "checkpoint");
    json.writeStringField("chain", c.head().chain());
    json.writeNumberField("position", c.head().position());
    json.writeStringField("hash", c.head().hash().hex());
    json.writeStringField("at", ExportTime.format(c.at()));
    json.writeStringField("keyId", c.keyId().hex());
    json.writeStringField("signature", c.signature().hex());
    endLine();
  }

  private static void optional(JsonGenerator json, String name, String value) throws IOException {
    if (value != null) {
      json.writeStringField(name, value);
    }
  }

  private void endLine() throws IOException {
    json.writeEndObject();
    json.flush();
    out.write('\n');
  }
}
