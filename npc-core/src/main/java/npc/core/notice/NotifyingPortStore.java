package npc.core.notice;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import npc.core.carrier.CarrierId;
import npc.core.numbering.Msisdn;
import npc.core.numbering.NumberPlan;
import npc.core.port.PortState;
import npc.core.porting.EligibilityQuery;
import npc.core.porting.NumberState;
import npc.core.porting.Port;
import npc.core.porting.PortOutcome;
import npc.core.porting.PortStore;

/**
 * A port store that fills the outbox: before each conditional write that carriers must hear of, it puts a notice
 * in the outbox of each carrier concerned. Before, not after: an instance that stops between the two writes
 * leaves a notice whose write may not have applied, which the pusher drops when it finds its subject unchanged;
 * the other order would leave a change nobody is told of.
 *
 * <p>Who hears what: the donor, of a port opened for one of its numbers; both parties, of every later step of a
 * port, and of the deadlines that moved it (deemed acceptance, routing acknowledgement deadline); the donor, of
 * an eligibility query; the asker, of its answer; both, of its expiry; the carrier serving a number, of the
 * expiry of its unused code. Route changes are not notices: they go to every carrier through the routing log.
 */
public final class NotifyingPortStore implements PortStore {
  private final PortStore store;
  private final Outbox outbox;
  private final NumberPlan plan;

  public NotifyingPortStore(PortStore store, Outbox outbox, NumberPlan plan) {
    this.store = store;
    this.outbox = outbox;
    this.plan = plan;
  }

  @Override
  public Optional<NumberState> openPort(Port port, byte[] subscriberDigest, String idempotencyKey,
      NumberState seen) {
    outbox.enqueue(Notice.Kind.PORT, port.id(), port.msisdn().toString(), List.of(port.donor()));
    return store.openPort(port, subscriberDigest, idempotencyKey, seen);
  }

  @Override
  public boolean transition(Port before, Port after) {
    if (before.state() == PortState.PENDING_DONOR && after.state() == PortState.DEEMED_ACCEPTED) {
      tellParties(Notice.Kind.DONOR_ANSWER_DEADLINE, after);
    } else if (after.state() == PortState.COMPLETED_WITH_LAGGARDS) {
      tellParties(Notice.Kind.ROUTING_ACK_DEADLINE, after);
    }
    tellParties(Notice.Kind.PORT, after);
    return store.transition(before, after);
  }

  @Override
  public boolean activate(Port before, Port after, long routeVersion) {
    tellParties(Notice.Kind.PORT, after);
    return store.activate(before, after, routeVersion);
  }

  @Override
  public boolean reverse(Port before, Port after, long routeVersion) {
    tellParties(Notice.Kind.PORT, after);
    return store.reverse(before, after, routeVersion);
  }

  @Override
  public boolean clearCode(Msisdn msisdn, byte[] hash) {
    CarrierId serving = store.number(msisdn).servingCarrier()
        .or(() -> plan.rangeOf(msisdn).map(range -> range.holder())).orElseThrow();
    outbox.enqueue(Notice.Kind.CODE_EXPIRED, UUID.nameUUIDFromBytes(hash), msisdn.toString(), List.of(serving));
    return store.clearCode(msisdn, hash);
  }

  @Override
  public boolean createQuery(EligibilityQuery query) {
    outbox.enqueue(Notice.Kind.QUERY, query.id(), query.msisdn().toString(), List.of(query.donor()));
    return store.createQuery(query);
  }

  @Override
  public boolean closeQuery(EligibilityQuery before, EligibilityQuery after, Instant at) {
    if (after.state() == EligibilityQuery.State.EXPIRED) {
      outbox.enqueue(Notice.Kind.ELIGIBILITY_EXPIRED, after.id(), after.msisdn().toString(),
          List.of(after.askedBy(), after.donor()));
    } else {
      outbox.enqueue(Notice.Kind.QUERY, after.id(), after.msisdn().toString(), List.of(after.askedBy()));
    }
    return store.closeQuery(before, after, at);
  }

  private void tellParties(Notice.Kind kind, Port port) {
    outbox.enqueue(kind, port.id(), port.msisdn().toString(), List.of(port.recipient(), port.donor()));
  }

  // Reads and the writes nobody is told of.

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
  public boolean storeCode(Msisdn msisdn, NumberState.StoredCode code, NumberState seen) {
    return store.storeCode(msisdn, code, seen);
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
  public Optional<EligibilityQuery> query(UUID queryId) {
    return store.query(queryId);
  }
}
