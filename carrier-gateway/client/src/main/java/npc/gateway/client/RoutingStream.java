package npc.gateway.client;

import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.ScheduledFuture;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import npc.gateway.protocol.v1.RouteEntry;
import npc.gateway.protocol.v1.RouteUpdate;
import npc.gateway.protocol.v1.RoutingAck;
import npc.gateway.protocol.v1.RoutingSnapshotChunk;
import npc.gateway.protocol.v1.RoutingSubscribe;
import npc.gateway.protocol.v1.RoutingUpdates;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the {@link RoutingMirror} in step with the gateway's routing log. Each session subscribes after the
 * mirror's position; snapshot chunks are collected aside and swapped in at the last one; changes are applied in
 * position order, those at or below the mirror's position dropped as resends. A change beyond the next position
 * is a gap: the stream resubscribes after the mirror's position and ignores further out-of-step changes until
 * the next in step arrives (or resubscribes again if none does within the resync timeout). Applied positions are
 * acknowledged in batches, on the connection that sent them. Used on the client's event loop only.
 */
final class RoutingStream {
  private static final Logger LOG = LoggerFactory.getLogger(RoutingStream.class);
  static final Duration ACK_INTERVAL = Duration.ofMillis(50);
  static final int ACK_EVERY = 1_000;

  private final RoutingMirror mirror;
  private final Outbound out;
  private final EventExecutor loop;
  private final Duration resyncTimeout;
  private final FlushSchedule acks;
  private ConcurrentHashMap<String, MirrorEntry> snapshot;
  private long snapshotPosition;
  private ScheduledFuture<?> resync;

  RoutingStream(RoutingMirror mirror, Outbound out, EventExecutor loop, Duration resyncTimeout) {
    this.mirror = mirror;
    this.out = out;
    this.loop = loop;
    this.resyncTimeout = resyncTimeout;
    this.acks = new FlushSchedule(loop, ACK_INTERVAL, ACK_EVERY, this::acknowledge);
  }

  /**
   * A session opened: subscribe after the mirror's position. That position is not acknowledged again: the gateway
   * takes acknowledgements only of positions the connection sent, and refuses others.
   */
  void start() {
    subscribe();
  }

  /** The session closed: what was not acknowledged will be resent or resumed from the mirror's position. */
  void stop() {
    acks.reset();
    snapshot = null;
    endResync();
  }

  /** Sends the waiting acknowledgement now: the client closes. */
  void flushWaiting() {
    acks.flushWaiting();
  }

  void onSnapshot(RoutingSnapshotChunk chunk) {
    endResync();
    if (snapshot == null || chunk.getSnapshotPosition() != snapshotPosition) {
      LOG.info("Routing snapshot as of position {} begins", chunk.getSnapshotPosition());
      snapshot = new ConcurrentHashMap<>();
      snapshotPosition = chunk.getSnapshotPosition();
    }
    for (RouteEntry entry : chunk.getEntriesList()) {
      snapshot.merge(entry.getMsisdn(), new MirrorEntry(entry.getCarrier(), entry.getRoutingNumber(),
          entry.getVersion()), (held, given) -> given.version() > held.version() ? given : held);
    }
    if (chunk.getLast()) {
      int size = snapshot.size();
      mirror.replace(snapshot, snapshotPosition);
      snapshot = null;
      LOG.info("Routing snapshot as of position {} loaded: {} numbers", snapshotPosition, size);
      acks.added(1);
    }
  }

  void onUpdates(RoutingUpdates updates) {
    if (snapshot != null) {
      gap("changes arrived before the snapshot's last chunk");
      return;
    }
    int applied = 0;
    for (RouteUpdate update : updates.getUpdatesList()) {
      long next = mirror.position() + 1;
      if (update.getPosition() > next) {
        acks.added(applied);
        gap("expected position " + next + ", received " + update.getPosition());
        return;
      }
      if (update.getPosition() == next) {
        endResync();
        mirror.apply(update);
        applied++;
      }
    }
    acks.added(applied);
  }

  private void gap(String what) {
    if (resync != null) {
      LOG.debug("Routing stream still out of step ({}); waiting for the resubscription", what);
      return;
    }
    LOG.warn("Routing stream gap: {}; resubscribing after position {}", what, mirror.position());
    resubscribe();
  }

  private void resubscribe() {
    snapshot = null;
    subscribe();
    retryAfterTimeout("no change in step arrived");
  }

  private void retryAfterTimeout(String why) {
    resync = loop.schedule(() -> {
      resync = null;
      LOG.warn("Routing stream: {} within {} ms; resubscribing after position {}", why, resyncTimeout.toMillis(),
          mirror.position());
      resubscribe();
    }, resyncTimeout.toNanos(), TimeUnit.NANOSECONDS);
  }

  private void endResync() {
    if (resync != null) {
      resync.cancel(false);
      resync = null;
    }
  }

  private void subscribe() {
    long after = mirror.position();
    out.request(Operation.ROUTING_SUBSCRIBE, RoutingSubscribe.newBuilder().setResumeAfter(after).build(),
        Duration.ZERO, Runnable::run).whenComplete((answer, failure) -> {
          if (failure instanceof GatewayException refusal) {
            refused(refusal);
          }
        });
    LOG.info("Routing stream subscribed after position {}", after);
  }

  private void refused(GatewayException refusal) {
    if (refusal.retryable()) {
      LOG.warn("Routing subscription refused for now: {}; retrying in {} ms", refusal.getMessage(),
          resyncTimeout.toMillis());
      endResync();
      retryAfterTimeout("the subscription was refused");
    } else {
      LOG.error("Routing subscription refused: {}; the mirror stays at position {} until the next connection",
          refusal.getMessage(), mirror.position());
    }
  }

  private void acknowledge() {
    long position = mirror.position();
    out.oneWay(frame -> frame.setRoutingAck(RoutingAck.newBuilder().setPosition(position)));
  }
}
