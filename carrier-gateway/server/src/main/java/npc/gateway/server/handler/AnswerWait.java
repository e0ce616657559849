package npc.gateway.server.handler;

import java.time.Instant;
import java.util.UUID;
import npc.core.carrier.CarrierId;
import npc.core.porting.PortingService;

/**
 * An answer due by a deadline, told to the core when the event loop reads it and when a worker has run it, so that
 * no deadline round closes its subject while it waits for a worker ({@link PortingService#answerReceived}); and the
 * same for a carrier's fact about an activated port ({@link PortingService#factReceived}).
 */
final class AnswerWait {
  private AnswerWait() {}

  /** Now, by the core's clock; the answer about {@code subject} waits, unless its id is invalid (refused when run). */
  static Instant received(PortingService service, String subject) {
    try {
      return service.answerReceived(UUID.fromString(subject));
    } catch (IllegalArgumentException e) {
      return service.now();
    }
  }

  /** The answer about {@code subject} ran (or failed): its subject's deadline waits for it no more. */
  static void ran(PortingService service, String subject, Instant receivedAt) {
    try {
      service.answerRan(UUID.fromString(subject), receivedAt);
    } catch (IllegalArgumentException e) {
      // an invalid id was never waited for
    }
  }

  /**
   * Now, by the core's clock; the carrier's fact about the port {@code portId} waits to be recorded, unless the id is
   * invalid (refused when run).
   */
  static Instant factReceived(PortingService service, CarrierId carrier, String portId, String fact) {
    try {
      return service.factReceived(carrier, UUID.fromString(portId), fact);
    } catch (IllegalArgumentException e) {
      return service.now();
    }
  }

  /** The fact was recorded (or failed): the port's routing deadline waits for it no more. */
  static void factRecorded(PortingService service, CarrierId carrier, String portId, String fact,
      Instant receivedAt) {
    try {
      service.factRecorded(carrier, UUID.fromString(portId), fact, receivedAt);
    } catch (IllegalArgumentException e) {
      // an invalid id was never waited for
    }
  }
}
