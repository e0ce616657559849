package npc.core.carrier;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * The carriers the clearinghouse's operator has suspended: a suspended carrier's gateway sessions close, and its
 * Hellos are refused, until it is resumed. The gateway reads them all with the certificate registry, every few
 * seconds; the operator's service writes them.
 */
public interface CarrierSuspensions {
  /** One suspension: since when, by whom (the operator's token id) and why, as the operator said. */
  record Suspension(CarrierId carrier, Instant since, String by, String reason) {
    public Suspension {
      Objects.requireNonNull(carrier, "carrier");
      Objects.requireNonNull(since, "since");
    }
  }

  /** Suspends {@code carrier}; a suspended carrier stays suspended with its first suspension's record. */
  void suspend(Suspension suspension);

  /** Resumes {@code carrier}; nothing happens when it was not suspended. */
  void resume(CarrierId carrier);

  /** Every suspended carrier. */
  Map<CarrierId, Suspension> all();

  /** No carrier is ever suspended: for a gateway run without an operator's service. */
  static CarrierSuspensions none() {
    return new CarrierSuspensions() {
      @Override
      public void suspend(Suspension suspension) {
        throw new UnsupportedOperationException("this gateway has no suspension registry");
      }

      @Override
      public void resume(CarrierId carrier) {}

      @Override
      public Map<CarrierId, Suspension> all() {
        return Map.of();
      }
    };
  }
}
