package npc.core.porting;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import npc.core.carrier.CarrierId;
import npc.core.numbering.Msisdn;

/**
 * The real store, with a fault: after the write named by {@link #crashAfter} has applied, the instance "dies"
 * (throws {@link Crash}) before it does anything else. The write itself is real and stays.
 */
final class CrashingPortStore implements PortStore {
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

  private final PortStore real;
  private volatile String crashAfter = "";

  CrashingPortStore(PortStore real) {
    this.real = real;
  }

  /** Die right after the next applied write of this kind: openPort, transition:STATE, activate. */
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
  public Optional<NumberState> openPort(Port port, byte[] subscriberDigest, String idempotencyKey,
      NumberState seen) {
    Optional<NumberState> result = real.openPort(port, subscriberDigest, idempotencyKey, seen);
    return maybeCrash("openPort", result, result.isEmpty());
  }

  @Override
  public boolean transition(Port before, Port after) {
    boolean applied = real.transition(before, after);
    return maybeCrash("transition:" + after.state(), applied, applied);
  }

  @Override
  public boolean activate(Port before, Port after, long routeVersion) {
    boolean applied = real.activate(before, after, routeVersion);
    return maybeCrash("activate", applied, applied);
  }

  @Override
  public NumberState number(Msisdn msisdn) {
    return real.number(msisdn);
  }

  @Override
  public Optional<Port> port(UUID portId) {
    return real.port(portId);
  }

  @Override
  public List<Port> ports(Msisdn msisdn) {
    return real.ports(msisdn);
  }

  @Override
  public RequestClaim claimRequest(CarrierId carrier, String key, byte[] requestHash, UUID portId, Instant now) {
    return real.claimRequest(carrier, key, requestHash, portId, now);
  }

  @Override
  public Optional<PortOutcome.RejectedByClearinghouse> rejection(UUID portId) {
    return real.rejection(portId);
  }

  @Override
  public void recordRejection(PortOutcome.RejectedByClearinghouse rejection, Instant now) {
    real.recordRejection(rejection, now);
  }

  @Override
  public boolean reverse(Port before, Port after, long routeVersion) {
    return real.reverse(before, after, routeVersion);
  }

  @Override
  public boolean storeCode(Msisdn msisdn, NumberState.StoredCode code, NumberState seen) {
    return real.storeCode(msisdn, code, seen);
  }

  @Override
  public boolean clearCode(Msisdn msisdn, byte[] hash) {
    return real.clearCode(msisdn, hash);
  }

  @Override
  public boolean returnNumber(Msisdn msisdn, CarrierId carrier, long routeVersion) {
    return real.returnNumber(msisdn, carrier, routeVersion);
  }

  @Override
  public void recordFact(UUID portId, String fact, CarrierId carrier, Instant at) {
    real.recordFact(portId, fact, carrier, at);
  }

  @Override
  public Map<String, Set<CarrierId>> facts(UUID portId) {
    return real.facts(portId);
  }

  @Override
  public boolean createQuery(EligibilityQuery query) {
    return real.createQuery(query);
  }

  @Override
  public Optional<EligibilityQuery> query(UUID queryId) {
    return real.query(queryId);
  }

  @Override
  public boolean closeQuery(EligibilityQuery before, EligibilityQuery after, Instant at) {
    return real.closeQuery(before, after, at);
  }
}
