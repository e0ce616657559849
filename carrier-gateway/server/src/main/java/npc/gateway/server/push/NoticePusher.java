package npc.gateway.server.push;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import io.netty.channel.Channel;
import npc.core.carrier.CarrierId;
import npc.core.notice.Notice;
import npc.core.notice.NoticeFeed;
import npc.core.porting.PortingService;
import npc.core.storage.OutageLog;
import npc.gateway.protocol.v1.Header;
import npc.gateway.protocol.v1.NotificationAck;
import npc.gateway.server.session.InFlightLimiter;
import npc.gateway.server.session.Session;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pushes one carrier's notices on this instance, oldest first, those about eligibility queries after the others (see
 * {@link Notice.Kind#aboutAQuery}), each under the id {@code s:n:<uuid>}: one feed of
 * its outbox, shared by all its connections here, each page pushed on the next of them that can take it. So a
 * notice is read and rendered once whatever the number of connections, and a carrier that opens more of them gets
 * no more of the pushers' time. Acknowledgements count on any of the carrier's connections. A notice pushed on a
 * connection that closes before it was acknowledged is pushed again at once on another. Stops while no connection
 * is writable, and while the carrier has {@link #MAX_UNACKNOWLEDGED} notices it did not acknowledge: what the
 * server holds for a carrier is bounded whatever the carrier does.
 */
final class NoticePusher extends Drain {
  static final String ID_PREFIX = InFlightLimiter.SERVER_PREFIX + "n:";
  static final int MAX_UNACKNOWLEDGED = 10_000;
  static final int MAX_PENDING_ACKNOWLEDGEMENTS = MAX_UNACKNOWLEDGED;
  private static final int PAGE = 200;
  /**
   * How long one turn renders notices (each a read of its subject) before it gives the rest of its page back to the
   * feed and yields its thread to the next drain: a carrier with hundreds of notices waiting, or a page of notices
   * another carrier caused, holds a shared pusher no longer than this, and a port's notice that arrives meanwhile
   * goes out at the carrier's next turn, ahead of the notices given back. At least one notice is rendered a turn.
   */
  static final long TURN_NANOS = TimeUnit.MILLISECONDS.toNanos(5);
  private static final Logger LOG = LoggerFactory.getLogger(NoticePusher.class);

  private final CarrierId carrier;
  /** Opens the carrier's feed (a read of its watermark): at the first drain, on a pusher, never on the event loop. */
  private final Supplier<NoticeFeed> opener;
  private final Object opening = new Object();
  private volatile NoticeFeed feed;
  private final NoticeRenderer renderer;
  private final Clock clock;
  /** The carrier's connections on this instance, in the order they take turns. */
  private final List<Outlet> outlets = new ArrayList<>();
  private int turn;
  /** Since when the carrier has had a connection here: a notice waits on the clearinghouse only while it has. */
  private Instant presentSince;
  /** The connection each notice handed out and not acknowledged was pushed on. */
  private final Map<UUID, Channel> pushedOn = new HashMap<>();
  private final Set<UUID> pendingAcknowledgements = new LinkedHashSet<>();
  private final Drain acknowledgements;
  private final LateDonors late;

  private record Outlet(Channel channel, Session session) {}

  NoticePusher(CarrierId carrier, Supplier<NoticeFeed> opener, NoticeRenderer renderer, PortingService service,
      Clock clock, Executor executor) {
    super(executor, new OutageLog(LOG, "Pushing notices to " + carrier));
    this.carrier = carrier;
    this.opener = opener;
    this.renderer = renderer;
    this.clock = clock;
    this.late = new LateDonors(service::donorToldLate,
        new OutageLog(LOG, "Moving on the deadlines of ports " + carrier + " was told of late"));
    // What failed to be recorded is pushed again, and acknowledged again.
    this.acknowledgements = new Drain(executor,
        new OutageLog(LOG, "Recording the notice acknowledgements of " + carrier)) {
      @Override
      boolean drainOnce() {
        return recordAcknowledgements();
      }
    };
  }

  /** A connection of the carrier passed its handshake: it takes its turn from the next page. */
  synchronized void attach(Channel channel, Session session) {
    if (outlets.isEmpty()) {
      presentSince = clock.instant();
    }
    outlets.add(new Outlet(channel, session));
  }

  /**
   * A connection of the carrier closed: the notices pushed on it and not acknowledged are pushed again on another.
   *
   * @return whether it was the carrier's last connection here
   */
  boolean detach(Channel channel) {
    List<UUID> stranded = new ArrayList<>();
    boolean last;
    synchronized (this) {
      outlets.removeIf(outlet -> outlet.channel() == channel);
      pushedOn.entrySet().removeIf(entry -> entry.getValue() == channel && stranded.add(entry.getKey()));
      last = outlets.isEmpty();
    }
    NoticeFeed opened = feed;
    if (!stranded.isEmpty() && opened != null) {
      opened.release(stranded);
    }
    return last;
  }

  @Override
  boolean drainOnce() {
    late.tell(); // those whose write failed at an earlier turn
    Outlet outlet = nextWritable();
    if (outlet == null || feed().unacknowledged() >= MAX_UNACKNOWLEDGED) {
      return false;
    }
    Channel channel = outlet.channel();
    List<Notice> due = portsFirst(feed().poll(PAGE));
    List<Notice> pushed = new ArrayList<>();
    Set<UUID> portsAsked = new HashSet<>();
    List<Notice> first = new ArrayList<>();
    int sent = 0;
    boolean queries = false;
    Instant portsFlushed = null;
    long turnEnds = System.nanoTime() + TURN_NANOS;
    for (int i = 0; i < due.size(); i++) {
      Notice notice = due.get(i);
      if (i > 0 && System.nanoTime() - turnEnds > 0) { // the rest waits for the next turn, behind the other drains
        feed().giveBack(due.subList(i, due.size()));
        break;
      }
      if (!queries && notice.kind().aboutAQuery()) {
        queries = true;
        if (!pushed.isEmpty()) { // what is not about queries goes out before the queries are read
          first.addAll(send(channel, pushed));
          sent = pushed.size();
          portsFlushed = clock.instant();
        }
      }
      NoticeRenderer.Rendering rendering;
      try {
        rendering = renderer.render(carrier, notice);
      } catch (RuntimeException e) { // the database, most likely: try again at the next tick
        LOG.debug("Reading the subject of notice {} failed; retrying", notice.id(), e);
        feed().defer(notice);
        continue;
      }
      if (rendering instanceof NoticeRenderer.Rendering.Push push) {
        if (push.body().hasPortNotice()) {
          portsAsked.add(notice.subject());
        }
        channel.write(push.body().setHeader(Header.newBuilder().setProtocolVersion(outlet.session().version())
            .setCorrelationId(ID_PREFIX + notice.id())).build());
        pushed.add(notice);
      } else if (rendering instanceof NoticeRenderer.Rendering.Drop) {
        feed().discard(notice);
      } else if (feed().isVoid(notice)) {
        LOG.info("Dropping notice {} of {} for {}: its write did not apply", notice.kind(), notice.subject(),
            carrier);
        feed().discard(notice);
      } else {
        feed().defer(notice);
      }
    }
    if (pushed.size() > sent) {
      first.addAll(send(channel, pushed.subList(sent, pushed.size())));
    }
    if (!pushed.isEmpty()) {
      if (!channel.isActive()) { // closed while the page was written: detach may have run before pushedOn was set
        detach(channel);
      }
      moveLateDeadlines(first, portsAsked, portsFlushed != null ? portsFlushed : clock.instant());
    }
    feed().checkpoint();
    return feed().behind();
  }

  /**
   * Records the notices as pushed on {@code channel}, then flushes them: a carrier can acknowledge a notice as soon
   * as it arrives, and the acknowledgement ends the feed's hold of it, so the push is recorded first (a push recorded
   * after its acknowledgement would not be recorded at all, nor its lateness).
   *
   * @return the notices pushed for the first time
   */
  private List<Notice> send(Channel channel, List<Notice> notices) {
    synchronized (this) {
      notices.forEach(notice -> pushedOn.put(notice.id(), channel));
    }
    List<Notice> first = feed().pushed(notices);
    channel.flush();
    return first;
  }

  /**
   * The page with every notice about an eligibility query moved after the others, each group in its order. Each query
   * notice costs a read of its query to render, and another carrier can cause hundreds of them (up to its bound of
   * queries pending toward this donor): they must not hold back, for as long as they take to read, a port's notice
   * that carries the donor's deadline or a route change that came in the same page. A subject's notices keep their
   * order, since a query's notices are all in the second group and a port's all in the first.
   */
  static List<Notice> portsFirst(List<Notice> page) {
    List<Notice> ordered = new ArrayList<>(page.size());
    page.stream().filter(notice -> !notice.kind().aboutAQuery()).forEach(ordered::add);
    page.stream().filter(notice -> notice.kind().aboutAQuery()).forEach(ordered::add);
    return ordered;
  }

  /** The next of the carrier's connections, in turn, that is open and can take a page now; null if none. */
  private synchronized Outlet nextWritable() {
    for (int i = 0; i < outlets.size(); i++) {
      Outlet outlet = outlets.get(Math.floorMod(turn++, outlets.size()));
      if (outlet.channel().isActive() && outlet.channel().isWritable()) {
        return outlet;
      }
    }
    return null;
  }

  /**
   * Tells the core of each port this donor was asked to answer late through the clearinghouse's own delay, among the
   * notices {@code first} pushed for the first time: the time its notice waited while the donor was connected, until
   * {@code now}, when the ports' notices went out, which the donor's deadline does not count. A port whose extension
   * fails to be written is told again at the next turn ({@link LateDonors}).
   */
  private void moveLateDeadlines(List<Notice> first, Set<UUID> portsAsked, Instant now) {
    Instant present;
    synchronized (this) {
      present = presentSince;
    }
    for (Notice notice : first) {
      if (!portsAsked.contains(notice.subject())) {
        continue;
      }
      Instant waitingSince = notice.createdAt().isAfter(present) ? notice.createdAt() : present;
      Duration delay = Duration.between(waitingSince, now);
      if (delay.compareTo(PortingService.DONOR_TOLD_LATE) > 0) {
        LOG.info("{} was told of port {} {} ms late; its deadline moves on by as much", carrier, notice.subject(),
            delay.toMillis());
        if (!late.add(notice.subject(), delay)) {
          LOG.warn("{} ports told late wait to be written; port {} keeps its deadline", LateDonors.MAX_WAITING,
              notice.subject());
        }
      }
    }
    late.tell();
  }

  /**
   * The carrier's acknowledgement, on any of its connections, taken on the event loop: the ids are queued (at most
   * {@link #MAX_PENDING_ACKNOWLEDGEMENTS}, the rest dropped and so pushed again later) and recorded by one drain
   * per carrier, so that a carrier sending acknowledgements faster than they are written delays only itself.
   * Ids that are not this server's notice ids are ignored.
   */
  void acknowledge(NotificationAck ack) {
    int dropped = 0;
    synchronized (pendingAcknowledgements) {
      for (String id : ack.getNotificationIdsList()) {
        if (id.startsWith(ID_PREFIX) && id.length() == ID_PREFIX.length() + 36) {
          try {
            UUID notice = UUID.fromString(id.substring(ID_PREFIX.length()));
            if (pendingAcknowledgements.size() < MAX_PENDING_ACKNOWLEDGEMENTS) {
              pendingAcknowledgements.add(notice);
            } else {
              dropped++;
            }
          } catch (IllegalArgumentException e) {
            // not one of ours: ignored like any unknown id
          }
        }
      }
    }
    if (dropped > 0) {
      LOG.debug("{} acknowledges faster than they are recorded: {} acknowledgements dropped", carrier, dropped);
    }
    acknowledgements.wake();
  }

  /** Records up to a batch of queued acknowledgements; true if more wait. */
  private boolean recordAcknowledgements() {
    List<UUID> batch = new ArrayList<>();
    boolean more;
    synchronized (pendingAcknowledgements) {
      Iterator<UUID> queued = pendingAcknowledgements.iterator();
      while (queued.hasNext() && batch.size() < PAGE) {
        batch.add(queued.next());
        queued.remove();
      }
      more = !pendingAcknowledgements.isEmpty();
    }
    if (!batch.isEmpty()) {
      feed().acknowledge(batch);
      synchronized (this) {
        batch.forEach(pushedOn::remove);
      }
      feed().checkpoint();
      wake(); // room under the bound of unacknowledged notices
    }
    return more;
  }

  /** Notices pushed on the carrier's connections here and not acknowledged; for tests and bounds. */
  synchronized int unacknowledged() {
    return pushedOn.size();
  }

  /**
   * The carrier's feed, opened at the first call; a failure to open is retried at the next drain. Opened under its
   * own lock, not this pusher's: a connection attaching on its event loop never waits for the read.
   */
  private NoticeFeed feed() {
    NoticeFeed opened = feed;
    if (opened == null) {
      synchronized (opening) {
        if (feed == null) {
          feed = opener.get();
        }
        opened = feed;
      }
    }
    return opened;
  }
}
