package npc.core.porting;

import java.util.List;
import java.util.Optional;
import npc.core.carrier.Carrier;
import npc.core.carrier.CarrierId;
import npc.core.port.PortLifecycle;
import npc.core.regime.Regime;

/** The checks of input that every command shares; each returns the refusal, or empty when the input is fine. */
final class Guards {
  static final int MAX_TEXT = 64;
  static final int MAX_WARNINGS = 20;

  private Guards() {}

  /** A carrier of the registry that takes part in porting. */
  static <T> Optional<Refused<T>> participant(Regime regime, CarrierId carrier) {
    Optional<Carrier> known = regime.carriers().find(carrier);
    if (known.isEmpty()) {
      return Optional.of(new Refused<>(RefusalCode.UNKNOWN_CARRIER, "unknown carrier " + carrier));
    }
    if (!known.get().participant()) {
      return Optional.of(new Refused<>(RefusalCode.NOT_A_PARTICIPANT, carrier + " takes no part in porting"));
    }
    return Optional.empty();
  }

  static <T> Optional<Refused<T>> textProblem(String field, String value, String pattern) {
    if (value == null || !value.matches(pattern)) {
      return Optional.of(new Refused<>(RefusalCode.INVALID_REQUEST, field + " must match " + pattern));
    }
    return Optional.empty();
  }

  static <T> Optional<Refused<T>> warningProblem(List<String> warnings) {
    if (warnings.size() > MAX_WARNINGS) {
      return Optional.of(new Refused<>(RefusalCode.INVALID_REQUEST, "at most " + MAX_WARNINGS + " warnings"));
    }
    return warnings.stream().filter(w -> w == null || !w.matches("[A-Z][A-Z0-9_]{0," + (MAX_TEXT - 1) + "}"))
        .findFirst().map(w -> new Refused<T>(RefusalCode.INVALID_REQUEST,
            "a warning is an UPPER_SNAKE_CASE code of at most " + MAX_TEXT + " characters: " + w));
  }

  /** The refusal of a move the lifecycle does not allow. */
  static <T> Optional<Refused<T>> refusal(PortLifecycle.Move move) {
    if (move instanceof PortLifecycle.Move.Refused refused) {
      RefusalCode code = refused.refusal() == PortLifecycle.Refusal.PORT_ENDED ? RefusalCode.PORT_ENDED
          : RefusalCode.NOT_ALLOWED_IN_STATE;
      return Optional.of(new Refused<>(code, refused.event() + " does not apply to a port " + refused.from()));
    }
    return Optional.empty();
  }

  /** What a carrier that is no party to a port is told of it: nothing, as for a port that does not exist. */
  static <T> Refused<T> unknownPort(Object portId) {
    return new Refused<>(RefusalCode.UNKNOWN_PORT, "no port " + portId);
  }
}
