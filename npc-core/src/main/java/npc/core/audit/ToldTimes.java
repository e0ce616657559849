package npc.core.audit;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import npc.core.carrier.CarrierId;

/**
 * When a carrier was first pushed a notice about a port or query: the {@code toldAt} of the audit's entries. A
 * donor's silence counts against it only from then, so the time is the outbox's first delivery, never the time the
 * notice was written.
 */
@FunctionalInterface
public interface ToldTimes {
  /** Knows no delivery: every carrier is taken as never told. */
  ToldTimes NONE = (carrier, subject) -> Optional.empty();

  Optional<Instant> toldAt(CarrierId carrier, UUID subject);
}
