package npc.core.notice;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import npc.core.carrier.CarrierId;
import npc.core.port.PortState;

/** Every carrier's notices, kept until the carrier acknowledges them. Writes are plain, never conditional. */
public interface Outbox {
  /**
   * Puts a notice of {@code kind} about {@code subject} in the outbox of each carrier of {@code to}; returns when
   * every one is written. Called before the write that makes the news; {@code portState} is the state that write
   * gives a port (see {@link Notice#portState()}).
   */
  void enqueue(Notice.Kind kind, UUID subject, String msisdn, Optional<PortState> portState,
      Collection<CarrierId> to);

  /**
   * Up to {@code limit} unacknowledged notices of {@code carrier}, oldest first, up to the present: those stamped
   * at {@code from} or later, or, to read the next page, those after the notice {@code after}.
   */
  List<Notice> read(CarrierId carrier, Instant from, Optional<UUID> after, int limit);

  /**
   * Marks the notices done: acknowledged by the carrier ({@code acknowledgedAt} the time it did; the earliest is
   * kept), or void (empty).
   */
  void acknowledge(CarrierId carrier, Collection<UUID> ids, Optional<Instant> acknowledgedAt);

  /** Records that the notices were pushed to the carrier at {@code at}; the earliest push of each is kept. */
  void pushed(CarrierId carrier, Collection<UUID> ids, Instant at);

  /**
   * Records that the carrier was pushed notices about these subjects (ports, queries) at {@code at}; the earliest
   * push of each subject is kept. The audit's {@code toldAt}. An outbox that keeps no such times ignores it.
   */
  default void told(CarrierId carrier, Collection<UUID> subjects, Instant at) {}

  /** When the carrier was first pushed a notice about {@code subject}; empty if never (or not kept). */
  default Optional<Instant> toldAt(CarrierId carrier, UUID subject) {
    return Optional.empty();
  }

  /** When a notice reached its carrier, as far as it did; empty for a notice not in the outbox (or expired). */
  Optional<Delivery> delivery(CarrierId carrier, UUID id);

  /** When a notice was first pushed to its carrier, and when the carrier first acknowledged it. */
  record Delivery(Optional<Instant> firstPushedAt, Optional<Instant> acknowledgedAt) {}

  /** Where reading the carrier's outbox starts, if it was ever recorded. */
  Optional<Instant> watermark(CarrierId carrier);

  /** Records that every notice of the carrier before {@code watermark} is done. */
  void saveWatermark(CarrierId carrier, Instant watermark);
}
