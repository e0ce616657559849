package npc.core.notice;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import npc.core.carrier.CarrierId;
import npc.core.numbering.Msisdn;
import npc.core.numbering.NumberPlan;
import npc.core.port.PortState;
import npc.core.porting.EligibilityQuery;
import npc.core.porting.NumberState;
import npc.core.porting.Port;
import npc.core.porting.ForwardingPortStore;
import npc.core.porting.PortStore;

/**
 * A port store that fills the outbox: before each conditional write that carriers must hear of, it puts a notice
 * in the outbox of each carrier concerned. Before, not after: an instance that stops between the two writes
 * leaves a notice whose write may not have applied, which the pusher drops when it finds its subject unchanged;
 * the other order would leave a change nobody is told of.
 *
 * <p>Who hears what: the donor, of a port opened for one of its numbers; both parties, of every later step of a
 * port, and of the deadlines that moved it (deemed acceptance, routing acknowledgement deadline); the donor, of
 * an eligibility query; the asker, of its result (answered or expired); both, of its expiry as a deadline; the
 * carrier serving a number, of the expiry of its unused code and of its code voided after too many mismatches.
 * Route changes are not notices: they go to every carrier through the routing log.
 */
public final class NotifyingPortStore extends ForwardingPortStore {
  private final Outbox outbox;
  private final NumberPlan plan;

  public NotifyingPortStore(PortStore store, Outbox outbox, NumberPlan plan) {
    super(store);
    this.outbox = outbox;
    this.plan = plan;
  }

  @Override
  public Optional<NumberState> openPort(Port port, byte[] subscriberDigest, String idempotencyKey,
      NumberState seen) {
    outbox.enqueue(Notice.Kind.PORT, port.id(), port.msisdn().toString(), Optional.of(port.state()),
        List.of(port.donor()));
    return super.openPort(port, subscriberDigest, idempotencyKey, seen);
  }

  @Override
  public boolean transition(Port before, Port after) {
    if (before.state() == PortState.PENDING_DONOR && after.state() == PortState.DEEMED_ACCEPTED) {
      tellParties(Notice.Kind.DONOR_ANSWER_DEADLINE, after);
    } else if (after.state() == PortState.COMPLETED_WITH_LAGGARDS) {
      tellParties(Notice.Kind.ROUTING_ACK_DEADLINE, after);
    }
    tellParties(Notice.Kind.PORT, after);
    return super.transition(before, after);
  }

  @Override
  public boolean extendDeadline(Port before, Port after) {
    tellParties(Notice.Kind.PORT, after);
    return super.extendDeadline(before, after);
  }

  @Override
  public boolean activate(Port before, Port after, long routeVersion) {
    tellParties(Notice.Kind.PORT, after);
    return super.activate(before, after, routeVersion);
  }

  @Override
  public boolean reverse(Port before, Port after, String approvedBy, long routeVersion, Optional<Port> open,
      Optional<Port> cancelled) {
    tellParties(Notice.Kind.PORT, after);
    cancelled.ifPresent(port -> tellParties(Notice.Kind.PORT, port));
    return super.reverse(before, after, approvedBy, routeVersion, open, cancelled);
  }

  @Override
  public boolean clearCode(Msisdn msisdn, byte[] hash) {
    CarrierId serving = number(msisdn).servingCarrier()
        .or(() -> plan.rangeOf(msisdn).map(range -> range.holder())).orElseThrow();
    outbox.enqueue(Notice.Kind.CODE_EXPIRED, UUID.nameUUIDFromBytes(hash), msisdn.toString(), Optional.empty(),
        List.of(serving));
    return super.clearCode(msisdn, hash);
  }

  @Override
  public Optional<NumberState> countMismatch(Msisdn msisdn, NumberState seen, boolean voids) {
    if (voids) {
      CarrierId serving = seen.servingCarrier()
          .or(() -> plan.rangeOf(msisdn).map(range -> range.holder())).orElseThrow();
      outbox.enqueue(Notice.Kind.CODE_VOIDED, UUID.nameUUIDFromBytes(seen.code().orElseThrow().hash()),
          msisdn.toString(), Optional.empty(), List.of(serving));
    }
    return super.countMismatch(msisdn, seen, voids);
  }

  @Override
  public boolean createQuery(EligibilityQuery query, byte[] subscriberDigest, byte[] sealedSubscriber) {
    outbox.enqueue(Notice.Kind.QUERY, query.id(), query.msisdn().toString(), Optional.empty(),
        List.of(query.donor()));
    return super.createQuery(query, subscriberDigest, sealedSubscriber);
  }

  @Override
  public boolean closeQuery(EligibilityQuery before, EligibilityQuery after, Instant at) {
    if (after.state() == EligibilityQuery.State.EXPIRED) {
      outbox.enqueue(Notice.Kind.ELIGIBILITY_EXPIRED, after.id(), after.msisdn().toString(), Optional.empty(),
          List.of(after.askedBy(), after.donor()));
    }
    // The asker's result, answered or expired: the timer says a deadline fired, the result what became of the query.
    outbox.enqueue(Notice.Kind.QUERY, after.id(), after.msisdn().toString(), Optional.empty(),
        List.of(after.askedBy()));
    return super.closeQuery(before, after, at);
  }

  private void tellParties(Notice.Kind kind, Port port) {
    outbox.enqueue(kind, port.id(), port.msisdn().toString(),
        kind == Notice.Kind.PORT ? Optional.of(port.state()) : Optional.empty(), List.of(port.recipient(), port.donor()));
  }
}
