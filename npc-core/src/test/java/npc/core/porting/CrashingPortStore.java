package npc.core.porting;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import npc.core.carrier.CarrierId;
import npc.core.numbering.Msisdn;

/**
 * The real store, with a fault: after the write named by {@link #crashAfter} has applied, the instance "dies"
 * (throws {@link Crash}) before it does anything else. The write itself is real and stays.
 */
final class CrashingPortStore extends ForwardingPortStore {
  /**
   * Thrown where a real instance would have stopped. An Error, so that no handler of the service catches it: a
   * process that dies does not get to clean up either.
   */
  static final class Crash extends Error {
    private static final long serialVersionUID = 1L;

    Crash(String where) {
      super("instance stopped after " + where);
    }
  }

  private volatile String crashAfter = "";

  CrashingPortStore(PortStore real) {
    super(real);
  }

  /**
   * Die right after the next applied write of this kind: storeCode, claimRequest, openPort, transition:STATE,
   * activate, reverse, return, fact:ACK, fact:DEACTIVATED.
   */
  void crashAfter(String write) {
    this.crashAfter = write;
  }

  private <T> T maybeCrash(String write, T result, boolean applied) {
    if (applied && crashAfter.equals(write)) {
      crashAfter = "";
      throw new Crash(write);
    }
    return result;
  }

  @Override
  public boolean storeCode(Msisdn msisdn, NumberState.StoredCode code, NumberState seen) {
    boolean applied = super.storeCode(msisdn, code, seen);
    return maybeCrash("storeCode", applied, applied);
  }

  @Override
  public void recordFact(UUID portId, String fact, CarrierId carrier, Instant at) {
    super.recordFact(portId, fact, carrier, at);
    maybeCrash("fact:" + fact, null, true);
  }

  @Override
  public RequestClaim claimRequest(CarrierId carrier, String key, byte[] requestHash, UUID portId, Instant now) {
    RequestClaim claim = super.claimRequest(carrier, key, requestHash, portId, now);
    return maybeCrash("claimRequest", claim, claim instanceof RequestClaim.Claimed);
  }

  @Override
  public Optional<NumberState> openPort(Port port, byte[] subscriberDigest, String idempotencyKey,
      NumberState seen) {
    Optional<NumberState> result = super.openPort(port, subscriberDigest, idempotencyKey, seen);
    return maybeCrash("openPort", result, result.isEmpty());
  }

  @Override
  public boolean transition(Port before, Port after) {
    boolean applied = super.transition(before, after);
    return maybeCrash("transition:" + after.state(), applied, applied);
  }

  @Override
  public boolean activate(Port before, Port after, long routeVersion) {
    boolean applied = super.activate(before, after, routeVersion);
    return maybeCrash("activate", applied, applied);
  }

  @Override
  public boolean reverse(Port before, Port after, String approvedBy, long routeVersion, Optional<Port> open,
      Optional<Port> cancelled) {
    boolean applied = super.reverse(before, after, approvedBy, routeVersion, open, cancelled);
    return maybeCrash("reverse", applied, applied);
  }

  @Override
  public boolean returnNumber(Msisdn msisdn, CarrierId carrier, long routeVersion) {
    boolean applied = super.returnNumber(msisdn, carrier, routeVersion);
    return maybeCrash("return", applied, applied);
  }
}
