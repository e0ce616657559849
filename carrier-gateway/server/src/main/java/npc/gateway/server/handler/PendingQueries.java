package npc.gateway.server.handler;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import npc.core.carrier.CarrierId;
import npc.core.event.DomainEvent;
import npc.core.event.DomainEvents;
import npc.core.porting.EligibilityQuery;
import npc.gateway.protocol.v1.ErrorCode;
import npc.gateway.server.dispatch.RequestError;

/**
 * Bounds the eligibility queries one carrier has pending toward another: each is a notice in the donor's outbox,
 * delivered oldest first, so a flood of queries at a rival would bury the rival's port notices behind them. A query
 * counts from the event of its acceptance on this instance until its answer or expiry is seen here, or its deadline
 * passes (the answer may be taken by another instance); a query beyond the bound is refused with BUSY before
 * anything is written. Counted per instance: a carrier spread over n instances may have n times the bound pending.
 */
public final class PendingQueries implements DomainEvents {
  private final int perDonor;
  /** The clearinghouse's time, which the queries' deadlines are in (not this server's clock, should they differ). */
  private final Supplier<Instant> now;
  /** Per asker and donor: the pending queries' ids and deadlines. */
  private final Map<Pair, Map<UUID, Instant>> pending = new HashMap<>();

  private record Pair(CarrierId asker, CarrierId donor) {}

  public PendingQueries(int perDonor, Supplier<Instant> now) {
    if (perDonor < 1) {
      throw new IllegalArgumentException("at least one pending query per donor: " + perDonor);
    }
    this.perDonor = perDonor;
    this.now = now;
  }

  /**
   * Refuses a query of {@code asker} toward {@code donor} once it has {@code perDonor} pending.
   *
   * @throws RequestError BUSY beyond the bound
   */
  public synchronized void admit(CarrierId asker, CarrierId donor) {
    Map<UUID, Instant> queries = pending.get(new Pair(asker, donor));
    if (queries == null) {
      return;
    }
    Instant at = now.get();
    queries.values().removeIf(deadline -> !deadline.isAfter(at));
    if (queries.size() >= perDonor) {
      throw new RequestError(503, ErrorCode.BUSY, asker + " has " + perDonor + " eligibility queries pending toward "
          + donor + "; wait for their answers, then resend");
    }
  }

  /** How many queries of the asker toward the donor are pending; for tests and metrics. */
  public synchronized int pending(CarrierId asker, CarrierId donor) {
    Map<UUID, Instant> queries = pending.get(new Pair(asker, donor));
    return queries == null ? 0 : queries.size();
  }

  @Override
  public synchronized void publish(DomainEvent event) {
    if (event instanceof DomainEvent.EligibilityQueried e) {
      EligibilityQuery query = e.query();
      pending.computeIfAbsent(new Pair(query.askedBy(), query.donor()), pair -> new HashMap<>())
          .put(query.id(), query.deadline());
    } else if (event instanceof DomainEvent.EligibilityAnswered e) {
      forget(e.query());
    } else if (event instanceof DomainEvent.EligibilityExpired e) {
      forget(e.query());
    }
  }

  private void forget(EligibilityQuery query) {
    Pair pair = new Pair(query.askedBy(), query.donor());
    Map<UUID, Instant> queries = pending.get(pair);
    if (queries != null) {
      queries.remove(query.id());
      if (queries.isEmpty()) {
        pending.remove(pair);
      }
    }
  }
}
