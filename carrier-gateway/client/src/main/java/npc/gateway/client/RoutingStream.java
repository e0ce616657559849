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
 * acknowledged in batches, on the connection that sent them; or, when the application acknowledges by itself, only
 * the positions it names, clamped to what the current connection sent (the gateway refuses any other). Used on the
 * client's event loop only.
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
  private final boolean manual;
  /** The positions this connection sent, as one range (-1: none yet), and the last the application acknowledged. */
  private long sentFirst = -1;
  private long sentLast = -1;
  private long acknowledged = -1;
  private ConcurrentHashMap<String, MirrorEntry> snapshot;
  private long snapshotPosition;
  private ScheduledFuture<?> resync;

  RoutingStream(RoutingMirror mirror, Outbound out, EventExecutor loop, Duration resyncTimeout, boolean manual) {
    this.mirror = mirror;
    this.out = out;
    this.loop = loop;
    this.resyncTimeout = resyncTimeout;
    this.manual = manual;
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
    sentFirst = -1;
    sentLast = -1;
    acknowledged = -1;
    snapshot = null;
    endResync();
  }

  /** Sends the waiting acknowledgement now: the client closes. */
  void flushWaiting() {
    acks.flushWaiting();
  }

  /**
   * The application's acknowledgement (manual mode): sent clamped to the last position this connection sent; a
   * position before the connection's first, or not beyond the last acknowledged, sends nothing.
   */
  void acknowledgeUpTo(long position) {
    long clamped = Math.min(position, sentLast);
    if (sentFirst < 0 || clamped < sentFirst || clamped <= acknowledged) {
      LOG.debug("Routing acknowledgement of position {} not sent: this connection sent {}..{}, acknowledged {}",
          position, sentFirst, sentLast, acknowledged);
      return;
    }
    acknowledged = clamped;
    out.oneWay(frame -> frame.setRoutingAck(RoutingAck.newBuilder().setPosition(clamped)));
  }

  /** Positions {@code from} to {@code to} arrived on this connection; a jump starts a new range. */
  private void sent(long from, long to) {
    if (sentFirst < 0 || from > sentLast + 1) {
      sentFirst = from;
      acknowledged = -1;
    }
    sentLast = to;
  }

  /** {@code count} changes were applied: the client acknowledges them, unless the application does. */
  private void appliedChanges(int count) {
    if (!manual) {
      acks.added(count);
    }
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
      sentFirst = -1;
      sent(snapshotPosition, snapshotPosition);
      appliedChanges(1);
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
        appliedChanges(applied);
        gap("expected position " + next + ", received " + update.getPosition());
        return;
      }
      if (update.getPosition() == next) {
        endResync();
        mirror.apply(update);
        sent(next, next);
        applied++;
      }
    }
    appliedChanges(applied);
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
