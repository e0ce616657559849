package npc.ops.reversal;

import java.util.Optional;
import java.util.UUID;
import npc.core.port.PortState;
import npc.core.porting.Done;
import npc.core.porting.Port;
import npc.core.porting.PortingService;
import npc.core.porting.RefusalCode;
import npc.core.porting.Refused;
import npc.core.porting.Result;

/**
 * Approves reversals. The same approval twice is idempotent: a port already reversed under the same reference is
 * answered as it stands (a regulator whose answer was lost may ask again, and nothing is written twice); under
 * another reference it is a conflict naming the approval in force, because one port is reversed once.
 */
public final class Reversals {
  private final PortingService service;

  public Reversals(PortingService service) {
    this.service = service;
  }

  /** A reversal as carried out: the port reversed, and whether it had been under this approval already. */
  public record Approval(Port port, boolean repeated) {}

  /** Why a reversal was refused; nothing was written. */
  public static final class Refusal extends RuntimeException {
    public final boolean notFound;

    Refusal(boolean notFound, String detail) {
      super(detail, null, false, false);
      this.notFound = notFound;
    }
  }

  /**
   * Reverses port {@code portId} on approval {@code reference}, approved by {@code approvedBy} ({@code ROLE:<id>}).
   *
   * @throws Refusal the port does not exist (not found), or cannot be reversed (the reason: not completed, the
   *     number moved on, reversed under another approval)
   */
  public Approval approve(UUID portId, String reference, String approvedBy) {
    Port port = service.port(portId).orElseThrow(() -> new Refusal(true, "port " + portId + " does not exist"));
    Optional<Approval> earlier = earlier(port, reference);
    if (earlier.isPresent()) {
      return earlier.get();
    }
    Result<Port> result = service.reverse(portId, reference, approvedBy);
    if (result instanceof Done<Port> done) {
      return new Approval(done.value(), false);
    }
    Refused<Port> refused = (Refused<Port>) result;
    if (refused.code() == RefusalCode.UNKNOWN_PORT) {
      throw new Refusal(true, "port " + portId + " does not exist");
    }
    // another regulator's request with the same approval may have won the race: that is this one's answer too
    return service.port(portId).flatMap(p -> earlier(p, reference)).orElseThrow(() -> new Refusal(false,
        "port " + portId + " cannot be reversed: " + refused.detail() + " (" + refused.code() + ")"));
  }

  private static Optional<Approval> earlier(Port port, String reference) {
    if (port.state() != PortState.REVERSED) {
      return Optional.empty();
    }
    if (port.reversalReference().equals(Optional.of(reference))) {
      return Optional.of(new Approval(port, true));
    }
    throw new Refusal(false, "port " + port.id() + " was reversed already, under approval "
        + port.reversalReference().orElse("(none)"));
  }
}
