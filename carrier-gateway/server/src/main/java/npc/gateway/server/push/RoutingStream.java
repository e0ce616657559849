package npc.gateway.server.push;

import io.netty.channel.Channel;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.Executor;
import npc.gateway.server.dispatch.RequestError;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import npc.core.carrier.Carrier;
import npc.core.carrier.CarrierRegistry;
import npc.core.porting.Port;
import npc.core.porting.PortingService;
import npc.core.porting.RoutingAcknowledgement;
import npc.core.routing.RouteChange;
import npc.core.routing.RouteSnapshots;
import npc.core.routing.RoutingLog;
import npc.core.storage.OutageLog;
import npc.gateway.protocol.v1.Envelope;
import npc.gateway.protocol.v1.ErrorCode;
import npc.gateway.protocol.v1.ErrorNotice;
import npc.gateway.protocol.v1.Header;
import npc.gateway.protocol.v1.RouteEntry;
import npc.gateway.protocol.v1.RoutingAck;
import npc.gateway.protocol.v1.RoutingSnapshotChunk;
import npc.gateway.protocol.v1.RoutingSubscribe;
import npc.gateway.protocol.v1.RoutingUpdates;
import npc.gateway.server.frame.Closing;
import npc.gateway.server.frame.FrameErrorHandler;
import npc.gateway.server.message.Messages;
import npc.gateway.server.session.InFlightLimiter;
import npc.gateway.server.session.Session;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One connection's routing stream (a carrier streams on one of its connections to an instance at a time: a
 * subscribe on another supersedes this one): after the carrier subscribes, every change of the shared routing log after
 * its position, in order, in frames of up to {@link #PAGE} updates; a snapshot first when the carrier starts from
 * nothing on a large log. The carrier's acknowledgement of a position this connection sent it records its
 * position and, for each port whose change it covers, is the carrier's acknowledgement that its network routes
 * the ported number; an acknowledgement of any other position is refused and changes nothing.
 */
final class RoutingStream extends Drain {
  static final String ID_PREFIX = InFlightLimiter.SERVER_PREFIX + "r:";
  /** Updates a frame: about 80 bytes each, well under the smallest frame maximum a server would set. */
  static final int PAGE = 256;
  static final int SNAPSHOT_CHUNK = 500;
  /** Port changes pushed and not yet acknowledged that a connection remembers; older ones are forgotten. */
  private static final int MAX_PENDING_PORTS = 100_000;
  private static final Logger LOG = LoggerFactory.getLogger(RoutingStream.class);

  private final Channel channel;
  private final Session session;
  private final RoutingLog log;
  private final LongSupplier knownHead;
  private final RouteSnapshots snapshots;
  private final CarrierRegistry carriers;
  private final RoutingAcknowledgement acknowledgement;
  private final SnapshotGate snapshotGate;
  private final long snapshotAbove;
  private boolean subscribed;
  private boolean snapshotting;
  /** The carrier subscribed on another connection since: this one's stream ended, its snapshot too. */
  private boolean superseded;
  private long position;
  private long acknowledged;
  /** The latest position the carrier acknowledged, recorded by {@link #acknowledgements}. */
  private long requestedAcknowledgement;
  private final Drain acknowledgements;
  private final NavigableMap<Long, UUID> pendingPorts = new TreeMap<>();
  /**
   * When the carrier's acknowledgement covering each port of {@link #pendingPorts} was read, for those acknowledged
   * and not yet recorded: each is recorded as given then, however long the recording waited for a thread.
   */
  private final Map<UUID, Instant> receivedAt = new HashMap<>();
  private final PortingService service;
  /** What this connection sent: the only positions its carrier may acknowledge. */
  private final SentPositions sent = new SentPositions();

  RoutingStream(Channel channel, Session session, PushContext context, Executor executor) {
    super(executor, new OutageLog(LOG, "Pushing routing updates to " + session.carrier()));
    this.channel = channel;
    this.session = session;
    this.log = context.log();
    this.knownHead = context.knownHead();
    this.snapshots = context.snapshots();
    this.carriers = context.service().regime().carriers();
    this.service = context.service();
    this.acknowledgement = new RoutingAcknowledgement(context.service(), context.cursors(), context.clock());
    this.snapshotGate = context.snapshotGate();
    this.snapshotAbove = context.settings().snapshotAbove();
    // A failed acknowledgement is covered by the carrier's next one.
    this.acknowledgements = new Drain(executor,
        new OutageLog(LOG, "Recording the routing acknowledgements of " + session.carrier())) {
      @Override
      boolean drainOnce() {
        return recordAcknowledgement();
      }
    };
  }

  /**
   * Starts (or restarts) the stream after {@code resumeAfter}. The answer, with the request's correlation id, is an
   * empty RoutingUpdates; the stream follows under the server's ids. A snapshot comes first for a carrier that
   * starts from nothing on a large log, and for one whose position is past the log's head: its copy is not of
   * this clearinghouse's log (a restored backup, another environment), so it is replaced. A subscribe while this
   * connection is sent a snapshot is refused (INVALID_REQUEST) and changes nothing; a snapshot beyond the
   * {@link SnapshotGate}'s quotas is refused with BUSY.
   */
  void subscribe(String correlationId, RoutingSubscribe subscribe) {
    synchronized (this) {
      if (snapshotting) {
        throw RequestError.invalid("a routing snapshot is being sent on this connection; subscribe again after "
            + "its last chunk");
      }
    }
    long head = log.head();
    long from = subscribe.getResumeAfter();
    boolean snapshot = from == 0 ? head > snapshotAbove : from > head;
    // Admitted before anything is answered or changed: a refused subscribe leaves the stream as it was.
    SnapshotGate.Permit permit = snapshot ? snapshotGate.admit(session.carrier()) : null;
    synchronized (this) {
      if (snapshotting) { // another subscribe of this connection, on another worker, won the race
        if (permit != null) {
          permit.cancel();
        }
        throw RequestError.invalid("a routing snapshot is being sent on this connection; subscribe again after "
            + "its last chunk");
      }
      snapshotting = snapshot;
      subscribed = !snapshot;
      superseded = false;
      position = from;
      acknowledged = Math.min(acknowledged, from);
      requestedAcknowledgement = Math.min(requestedAcknowledgement, from);
      pendingPorts.clear();
      receivedAt.forEach((port, at) -> service.factRecorded(session.carrier(), port, Port.ACK, at));
      receivedAt.clear();
    }
    if (from > head) {
      LOG.debug("{} resumes after position {}, past the head {}: sending a snapshot", session.carrier(), from, head);
    }
    channel.writeAndFlush(Envelope.newBuilder().setHeader(header(correlationId))
        .setRoutingUpdates(RoutingUpdates.getDefaultInstance()).build());
    if (permit != null) {
      permit.run(this::sendSnapshot);
    } else {
      wake();
    }
  }

  /**
   * The carrier subscribed on another of its connections here: this stream sends nothing more (a snapshot under way
   * stops at its next chunk), and the carrier is told so on this connection. What it sent may still be
   * acknowledged here.
   */
  void supersede() {
    synchronized (this) {
      if (!subscribed && !snapshotting) {
        return; // not streaming: nothing moves
      }
      superseded = true;
      subscribed = false;
    }
    Closing.answer(channel, Envelope.newBuilder().setHeader(header(FrameErrorHandler.CONNECTION))
        .setError(ErrorNotice.newBuilder().setStatus(409).setCode(ErrorCode.ROUTING_STREAM_MOVED)
            .setDetail(session.carrier() + " subscribed to the routing stream on another connection to this server; "
                + "the stream moved there and this connection gets no more routing updates"))
        .build());
  }

  @Override
  boolean drainOnce() {
    long from;
    synchronized (this) {
      if (!subscribed || !channel.isActive() || !channel.isWritable()) {
        return false;
      }
      from = position;
    }
    if (knownHead.getAsLong() <= from) {
      return false; // nothing new this instance knows of; its catch-up wakes the stream when there is
    }
    List<RouteChange> page = log.readAfter(from, PAGE);
    if (page.isEmpty()) {
      return false;
    }
    RoutingUpdates.Builder updates = RoutingUpdates.newBuilder();
    synchronized (this) {
      if (position != from) {
        return true; // resubscribed meanwhile
      }
      for (RouteChange change : page) {
        updates.addUpdates(Messages.routeUpdate(change));
        change.portId().ifPresent(id -> pendingPorts.put(change.position(), id));
      }
      while (pendingPorts.size() > MAX_PENDING_PORTS) {
        pendingPorts.pollFirstEntry();
      }
      position = page.get(page.size() - 1).position();
      sent.add(page.get(0).position(), position); // before the write: the carrier may acknowledge at once
    }
    channel.writeAndFlush(Envelope.newBuilder().setHeader(header(ID_PREFIX + page.get(0).position()))
        .setRoutingUpdates(updates).build());
    return page.size() == PAGE;
  }

  /**
   * The carrier applied every change up to the position. Only a position this connection sent (an update's, or a
   * snapshot's) may be acknowledged: any other is not the carrier's to claim, and is neither recorded as its
   * position nor taken as its acknowledgement of any port. One at or before what it acknowledged already changes
   * nothing.
   *
   * @return false for a position this connection never sent, which the carrier is then told of
   */
  boolean acknowledge(RoutingAck ack) {
    long at = ack.getPosition();
    synchronized (this) {
      if (!sent.contains(at)) {
        LOG.debug("{} acknowledged position {}, which this connection did not send (it sent {})",
            session.carrier(), at, sent);
        return false;
      }
      if (at <= requestedAcknowledgement) {
        return true;
      }
      for (UUID port : pendingPorts.subMap(requestedAcknowledgement, false, at, true).values()) {
        receivedAt.computeIfAbsent(port, id -> service.factReceived(session.carrier(), id, Port.ACK));
      }
      requestedAcknowledgement = at;
    }
    acknowledgements.wake();
    return true;
  }

  /**
   * Records the carrier's latest acknowledgement, off the event loop and once per connection at a time: a carrier
   * acknowledging faster than this records only its latest position.
   */
  private boolean recordAcknowledgement() {
    long at;
    NavigableMap<Long, UUID> ports;
    Map<UUID, Instant> received = new LinkedHashMap<>();
    synchronized (this) {
      at = requestedAcknowledgement;
      if (at <= acknowledged) {
        return false;
      }
      acknowledged = at;
      NavigableMap<Long, UUID> covered = pendingPorts.headMap(at, true);
      ports = new TreeMap<>(covered);
      covered.clear();
      ports.values().forEach(port -> received.put(port, receivedAt.remove(port)));
    }
    Instant now = service.now();
    received.replaceAll((port, given) -> given == null ? now : given);
    try {
      acknowledgement.acknowledge(session.carrier(), at, received);
    } catch (RuntimeException e) { // the carrier's next acknowledgement covers these again, as received then
      synchronized (this) {
        pendingPorts.putAll(ports);
      }
      throw e;
    }
    return false;
  }

  /** Sends every route as of a position read first, then goes on with the log after it. */
  private void sendSnapshot() {
    if (!channel.isActive()) {
      return; // closed while the snapshot waited for a thread: nothing scanned
    }
    long at = log.head();
    List<RouteEntry> chunk = new ArrayList<>(SNAPSHOT_CHUNK);
    try {
      long routes = snapshots.forEachRoute(route -> {
        RouteEntry.Builder entry = RouteEntry.newBuilder().setMsisdn(route.msisdn().toString())
            .setCarrier(route.carrier().value()).setVersion(route.version());
        Optional<Carrier> carrier = carriers.find(route.carrier());
        carrier.ifPresent(c -> entry.setRoutingNumber(c.routingNumber().value()));
        chunk.add(entry.build());
        if (chunk.size() == SNAPSHOT_CHUNK) {
          sendChunk(at, chunk, false);
        }
      });
      synchronized (this) {
        sent.add(at, at); // before the last chunk: the carrier may acknowledge the snapshot's position at once
      }
      sendChunk(at, chunk, true);
      LOG.info("Sent {} a snapshot of {} routes at position {}", session.carrier(), routes, at);
    } catch (ChannelGone e) {
      synchronized (this) {
        snapshotting = false;
      }
      return;
    } catch (RuntimeException e) {
      LOG.warn("Snapshot for {} failed; closing so that it resubscribes", session.carrier(), e);
      channel.close();
      return;
    }
    synchronized (this) {
      snapshotting = false;
      subscribed = !superseded;
      position = at;
    }
    wake();
  }

  private void sendChunk(long at, List<RouteEntry> chunk, boolean last) {
    synchronized (this) {
      if (superseded) {
        throw new ChannelGone();
      }
    }
    while (!channel.isWritable()) { // the connection guard closes a carrier that stops reading
      if (!channel.isActive()) {
        throw new ChannelGone();
      }
      sleep();
    }
    channel.writeAndFlush(Envelope.newBuilder().setHeader(header(ID_PREFIX + "snapshot-" + at))
        .setRoutingSnapshot(RoutingSnapshotChunk.newBuilder().setSnapshotPosition(at).addAllEntries(chunk)
            .setLast(last)).build());
    chunk.clear();
  }

  private Header.Builder header(String correlationId) {
    return Header.newBuilder().setProtocolVersion(session.version()).setCorrelationId(correlationId);
  }

  private static void sleep() {
    try {
      TimeUnit.MILLISECONDS.sleep(5);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ChannelGone();
    }
  }

  /** The connection closed, or the stream was superseded, while a snapshot was sent. */
  private static final class ChannelGone extends RuntimeException {
    ChannelGone() {
      super(null, null, false, false);
    }
  }
}
