package npc.core.port;

import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/**
 * The one table of allowed moves. Everything not in it is refused, with a code that says whether the port had
 * already ended or the event does not fit its state.
 */
public final class PortLifecycle {
  private static final Map<PortState, Map<PortEvent, PortState>> MOVES = new EnumMap<>(PortState.class);

  static {
    allow(PortState.SUBMITTED, PortEvent.CHECKS_FAILED, PortState.REJECTED_BY_CLEARINGHOUSE);
    allow(PortState.SUBMITTED, PortEvent.CHECKS_PASSED, PortState.PENDING_DONOR);
    allow(PortState.PENDING_DONOR, PortEvent.DONOR_ACCEPTS, PortState.ACCEPTED);
    allow(PortState.PENDING_DONOR, PortEvent.DONOR_REJECTS, PortState.REJECTED_BY_DONOR);
    allow(PortState.PENDING_DONOR, PortEvent.DONOR_DEADLINE_PASSED, PortState.DEEMED_ACCEPTED);
    allow(PortState.ACCEPTED, PortEvent.SCHEDULE, PortState.SCHEDULED);
    allow(PortState.DEEMED_ACCEPTED, PortEvent.SCHEDULE, PortState.SCHEDULED);
    allow(PortState.SCHEDULED, PortEvent.ACTIVATION_TIME_REACHED, PortState.ACTIVATED);
    allow(PortState.ACTIVATED, PortEvent.ALL_ACKNOWLEDGED, PortState.COMPLETED);
    allow(PortState.ACTIVATED, PortEvent.ACK_DEADLINE_PASSED, PortState.COMPLETED_WITH_LAGGARDS);
    // The subscriber may change their mind until the route changes (MIIT 2019: before activation).
    for (PortState before : new PortState[] {PortState.SUBMITTED, PortState.PENDING_DONOR, PortState.ACCEPTED,
        PortState.DEEMED_ACCEPTED, PortState.SCHEDULED}) {
      allow(before, PortEvent.CANCEL, PortState.CANCELLED);
    }
    allow(PortState.COMPLETED, PortEvent.REVERSE, PortState.REVERSED);
    allow(PortState.COMPLETED_WITH_LAGGARDS, PortEvent.REVERSE, PortState.REVERSED);
  }

  private PortLifecycle() {}

  /** Why a move was refused. */
  public enum Refusal {
    /** The port has ended; nothing more happens to it. */
    PORT_ENDED,
    /** The event does not apply to a port in this state (an answer to a port not awaiting one, say). */
    NOT_ALLOWED_IN_STATE
  }

  /** The outcome of applying an event to a state. */
  public sealed interface Move {
    record Allowed(PortState from, PortEvent event, PortState to) implements Move {}

    record Refused(PortState from, PortEvent event, Refusal refusal) implements Move {}
  }

  public static Move apply(PortState from, PortEvent event) {
    PortState to = MOVES.getOrDefault(from, Map.of()).get(event);
    if (to != null) {
      return new Move.Allowed(from, event, to);
    }
    return new Move.Refused(from, event, from.isTerminal() ? Refusal.PORT_ENDED : Refusal.NOT_ALLOWED_IN_STATE);
  }

  /** The state {@code event} leads to from {@code from}, if allowed. */
  public static Optional<PortState> next(PortState from, PortEvent event) {
    return Optional.ofNullable(MOVES.getOrDefault(from, Map.of()).get(event));
  }

  private static void allow(PortState from, PortEvent event, PortState to) {
    MOVES.computeIfAbsent(from, s -> new EnumMap<>(PortEvent.class)).put(event, to);
  }
}
