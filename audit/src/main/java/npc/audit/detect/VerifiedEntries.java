package npc.audit.detect;

import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;
import npc.audit.export.AuditFormatException;
import npc.audit.export.AuditVerifier;
import npc.audit.export.VerifyResult;
import npc.audit.record.AuditEntry;
import npc.audit.sign.AuditPublicKey;

/**
 * The entries of an export, read only through the verifier: detectors never see an entry of an export that does not
 * verify, so a finding recomputed from a file rests on the same record the service holds.
 *
 * @param entries the export's entries in file order; empty unless {@code result} is OK
 */
public record VerifiedEntries(VerifyResult result, List<AuditEntry> entries) {
  public VerifiedEntries {
    entries = result.ok() ? List.copyOf(entries) : List.of();
  }

  /**
   * @throws AuditFormatException when the input is empty, not JSON, or not an export
   */
  public static VerifiedEntries read(Reader in, AuditPublicKey trusted) throws IOException {
    List<AuditEntry> entries = new ArrayList<>();
    VerifyResult result = AuditVerifier.verify(in, trusted, entries::add);
    return new VerifiedEntries(result, entries);
  }
}
