package npc.core.porting;

import java.util.UUID;

/** What a submitted port led to: a port waiting for its donor, or the clearinghouse's rejection. */
public sealed interface PortOutcome {
  /** The port id, the same for every retry of the request. */
  UUID portId();

  /** The checks passed; the port waits for the donor's answer until {@code port.donorDeadline()}. */
  record Opened(Port port) implements PortOutcome {
    @Override
    public UUID portId() {
      return port.id();
    }
  }

  /** A check of the clearinghouse failed; the donor never saw the port. */
  record RejectedByClearinghouse(UUID portId, RejectionCode code, String detail) implements PortOutcome {}
}
