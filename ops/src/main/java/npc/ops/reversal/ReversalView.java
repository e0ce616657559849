package npc.ops.reversal;

import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;
import npc.core.porting.Port;

/**
 * A reversed port as the API gives it: the number goes back to {@code donor}; {@code repeated} is true when the
 * port had been reversed under this approval before (nothing was done again).
 */
@Serdeable
record ReversalView(String port, String msisdn, String state, String donor, String recipient, String reference,
    Instant reversedAt, boolean repeated) {

  static ReversalView of(Reversals.Approval a) {
    Port p = a.port();
    return new ReversalView(p.id().toString(), p.msisdn().toString(), p.state().name(), p.donor().value(),
        p.recipient().value(), p.reversalReference().orElse(""), p.endedAt().orElse(null), a.repeated());
  }
}
