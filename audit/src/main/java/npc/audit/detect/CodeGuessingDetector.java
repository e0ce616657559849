package npc.audit.detect;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import npc.audit.record.AuditEntry;
import npc.core.audit.AuditKind;

/**
 * {@code CODE_GUESSING}: a recipient sending code mismatches beyond what typing errors explain.
 *
 * <p>Rule: per recipient and number, the {@code REFUSED_CODE_MISMATCH} entries in the period not followed by a
 * {@code PORT_OPENED} of that recipient for that number (a mistyped code is retyped and the port opens). A number
 * with at least {@link DetectorSettings#guessesPerNumber()} such mismatches was guessed at; {@link
 * DetectorSettings#codeGuessing()} such numbers (default 3, and at least 0.1% of the ports the recipient opened in
 * the period, since abandoned typing errors grow with a recipient's volume and guessing does not need it) make a
 * finding. Source: the regime's code rules (CN:
 * {@code code.max-mismatches=5}, a code voided after five mismatches).
 */
public final class CodeGuessingDetector implements Detector {
  private final DetectorSettings settings;

  public CodeGuessingDetector(DetectorSettings settings) {
    this.settings = settings;
  }

  @Override
  public Rule rule() {
    return Rule.CODE_GUESSING;
  }

  @Override
  public Detection detect(AuditHistory history) {
    Map<List<String>, List<AuditEntry>> unresolved = new LinkedHashMap<>();
    for (AuditEntry e : history.entries()) {
      boolean mismatch = e.record().kind().equals(AuditKind.REFUSED_CODE_MISMATCH.name()) && history.inPeriod(e);
      boolean opened = e.record().kind().equals(AuditKind.PORT_OPENED.name());
      if ((mismatch || opened) && e.record().actor().isPresent() && e.record().msisdn().isPresent()) {
        List<String> key = List.of(e.record().actor().get(), e.record().msisdn().get());
        if (mismatch) {
          unresolved.computeIfAbsent(key, k -> new ArrayList<>()).add(e);
        } else {
          unresolved.remove(key);
        }
      }
    }
    Tally tally = new Tally(rule(), settings.codeGuessing());
    for (AuditEntry e : history.inPeriod(AuditKind.PORT_OPENED)) {
      e.record().actor().ifPresent(tally::occasion);
    }
    unresolved.forEach((recipientNumber, mismatches) -> {
      if (mismatches.size() >= settings.guessesPerNumber()) {
        tally.offence(recipientNumber.get(0), mismatches);
      }
    });
    return tally.result(history, (carrier, count, sample) -> carrier + " sent repeated wrong codes for " + count
        + " numbers and never opened a port for them: beyond what typing errors explain");
  }
}
