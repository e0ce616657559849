package npc.core.porting;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import npc.core.carrier.CarrierId;
import npc.core.event.DomainEvent;
import npc.core.port.PortEvent;
import npc.core.port.PortLifecycle;
import npc.core.port.PortState;

/** The subscriber cancels through the recipient, until the route changes (MIIT 2019: before activation). */
final class Cancellation {
  private static final int MAX_RETRIES = 3;

  private final PortingParts parts;

  Cancellation(PortingParts parts) {
    this.parts = parts;
  }

  Result<Port> cancel(CarrierId recipient, UUID portId) {
    Optional<Port> found = parts.store().port(portId);
    if (found.isEmpty() || !found.get().recipient().equals(recipient)) {
      found.ifPresent(p -> new Refusals(parts).notAParty(recipient, p.id(), p.msisdn(), RefusalCode.UNKNOWN_PORT,
          p.donorDeadline()));
      return Guards.unknownPort(portId);
    }
    Port port = found.get();
    for (int attempt = 0; attempt < MAX_RETRIES; attempt++) {
      Optional<Refused<Port>> moveRefusal = Guards.refusal(PortLifecycle.apply(port.state(), PortEvent.CANCEL));
      if (moveRefusal.isPresent()) {
        return moveRefusal.get();
      }
      Instant now = parts.now();
      Port cancelled = port.ended(PortState.CANCELLED, now, Map.of());
      if (parts.store().transition(port, cancelled)) {
        parts.memory().wrote(cancelled);
        parts.events().publish(new DomainEvent.PortEnded(now, cancelled));
        return Result.done(cancelled);
      }
      port = parts.store().port(portId).orElseThrow();
    }
    return Result.refused(RefusalCode.NOT_ALLOWED_IN_STATE, "the port kept changing; ask again");
  }
}
