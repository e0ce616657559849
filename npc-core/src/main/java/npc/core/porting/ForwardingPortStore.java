package npc.core.porting;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import npc.core.carrier.CarrierId;
import npc.core.numbering.Msisdn;

/** A port store that passes every call to another: extend it and override what a decorator changes. */
public abstract class ForwardingPortStore implements PortStore {
  private final PortStore store;

  protected ForwardingPortStore(PortStore store) {
    this.store = store;
  }

  @Override
  public NumberState number(Msisdn msisdn) {
    return store.number(msisdn);
  }

  @Override
  public Optional<Port> port(UUID portId) {
    return store.port(portId);
  }

  @Override
  public List<Port> ports(Msisdn msisdn) {
    return store.ports(msisdn);
  }

  @Override
  public RequestClaim claimRequest(CarrierId carrier, String key, byte[] requestHash, UUID portId, Instant now) {
    return store.claimRequest(carrier, key, requestHash, portId, now);
  }

  @Override
  public Optional<PortOutcome.RejectedByClearinghouse> rejection(UUID portId) {
    return store.rejection(portId);
  }

  @Override
  public void recordRejection(PortOutcome.RejectedByClearinghouse rejection, Instant now) {
    store.recordRejection(rejection, now);
  }

  @Override
  public Optional<NumberState> openPort(Port port, byte[] subscriberDigest, String idempotencyKey,
      NumberState seen) {
    return store.openPort(port, subscriberDigest, idempotencyKey, seen);
  }

  @Override
  public boolean transition(Port before, Port after) {
    return store.transition(before, after);
  }

  @Override
  public boolean extendDeadline(Port before, Port after) {
    return store.extendDeadline(before, after);
  }

  @Override
  public boolean activate(Port before, Port after, long routeVersion) {
    return store.activate(before, after, routeVersion);
  }

  @Override
  public boolean reverse(Port before, Port after, String approvedBy, long routeVersion, Optional<Port> open,
      Optional<Port> cancelled) {
    return store.reverse(before, after, approvedBy, routeVersion, open, cancelled);
  }

  @Override
  public boolean storeCode(Msisdn msisdn, NumberState.StoredCode code, NumberState seen) {
    return store.storeCode(msisdn, code, seen);
  }

  @Override
  public boolean clearCode(Msisdn msisdn, byte[] hash) {
    return store.clearCode(msisdn, hash);
  }

  @Override
  public Optional<NumberState> countMismatch(Msisdn msisdn, NumberState seen, boolean voids) {
    return store.countMismatch(msisdn, seen, voids);
  }

  @Override
  public void recordMismatch(CarrierId recipient, Instant at, UUID portId, Msisdn msisdn, int mismatch,
      boolean voided) {
    store.recordMismatch(recipient, at, portId, msisdn, mismatch, voided);
  }

  @Override
  public boolean returnNumber(Msisdn msisdn, CarrierId carrier, long routeVersion) {
    return store.returnNumber(msisdn, carrier, routeVersion);
  }

  @Override
  public void recordFact(UUID portId, String fact, CarrierId carrier, Instant at) {
    store.recordFact(portId, fact, carrier, at);
  }

  @Override
  public Map<String, Set<CarrierId>> facts(UUID portId) {
    return store.facts(portId);
  }

  @Override
  public boolean createQuery(EligibilityQuery query, byte[] subscriberDigest, byte[] sealedSubscriber) {
    return store.createQuery(query, subscriberDigest, sealedSubscriber);
  }

  @Override
  public Optional<EligibilityQuery> query(UUID queryId) {
    return store.query(queryId);
  }

  @Override
  public Optional<byte[]> sealedSubscriber(UUID queryId) {
    return store.sealedSubscriber(queryId);
  }

  @Override
  public boolean closeQuery(EligibilityQuery before, EligibilityQuery after, Instant at) {
    return store.closeQuery(before, after, at);
  }
}
