package npc.audit.export;

import java.time.Instant;
import npc.audit.record.AuditEntry;
import npc.audit.record.Bytes32;
import npc.audit.record.Checkpoint;
import npc.audit.record.ExportEnd;
import npc.audit.record.HeadsCheckpoint;

/** One line of an export, as read; {@code line} is its number in the file (1 is the first). */
public sealed interface ExportLine {
  long line();

  /** The first line: what the export is of. Not signed itself; the end statement repeats what matters. */
  record Header(long line, Instant from, Instant to, Bytes32 keyId) implements ExportLine {}

  /** An entry, with the hash the line states; the verifier compares it with the hash of the entry's encoding. */
  record Entry(long line, AuditEntry entry, Bytes32 statedHash) implements ExportLine {}

  record ChainCheckpoint(long line, Checkpoint checkpoint) implements ExportLine {}

  record Heads(long line, HeadsCheckpoint heads) implements ExportLine {}

  record End(long line, ExportEnd end) implements ExportLine {}
}
