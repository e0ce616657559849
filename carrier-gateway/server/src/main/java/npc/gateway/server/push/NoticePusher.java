package npc.gateway.server.push;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Executor;
import java.util.function.Supplier;
import io.netty.channel.Channel;
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
 * Pushes one connection's notices from the carrier's outbox, oldest first, each under the id {@code s:n:<uuid>},
 * and passes the carrier's acknowledgements to the feed. Stops while the channel is not writable, and while the
 * carrier has {@link #MAX_UNACKNOWLEDGED} notices it did not acknowledge: what the server holds for a carrier is
 * bounded whatever the carrier does.
 */
final class NoticePusher extends Drain {
  static final String ID_PREFIX = InFlightLimiter.SERVER_PREFIX + "n:";
  static final int MAX_UNACKNOWLEDGED = 10_000;
  static final int MAX_PENDING_ACKNOWLEDGEMENTS = MAX_UNACKNOWLEDGED;
  private static final int PAGE = 200;
  private static final Logger LOG = LoggerFactory.getLogger(NoticePusher.class);

  private final Channel channel;
  private final Session session;
  /** Opens the carrier's feed (a read of its watermark): at the first drain, on a pusher, never on the event loop. */
  private final Supplier<NoticeFeed> opener;
  private NoticeFeed feed;
  private final NoticeRenderer renderer;
  private final PortingService service;
  private final Clock clock;
  /** When this connection's session opened: a notice waits on the clearinghouse only while the carrier is here. */
  private final Instant openedAt;
  private final Set<UUID> pendingAcknowledgements = new LinkedHashSet<>();
  private final Drain acknowledgements;

  NoticePusher(Channel channel, Session session, Supplier<NoticeFeed> opener, NoticeRenderer renderer, PortingService service,
      Clock clock, Executor executor) {
    super(executor, new OutageLog(LOG, "Pushing notices to " + session.carrier()));
    this.channel = channel;
    this.session = session;
    this.opener = opener;
    this.renderer = renderer;
    this.service = service;
    this.clock = clock;
    this.openedAt = clock.instant();
    // What failed to be recorded is pushed again, and acknowledged again.
    this.acknowledgements = new Drain(executor,
        new OutageLog(LOG, "Recording the notice acknowledgements of " + session.carrier())) {
      @Override
      boolean drainOnce() {
        return recordAcknowledgements();
      }
    };
  }

  @Override
  boolean drainOnce() {
    if (!channel.isActive() || !channel.isWritable() || feed().unacknowledged() >= MAX_UNACKNOWLEDGED) {
      return false;
    }
    List<Notice> due = feed().poll(PAGE);
    List<Notice> pushed = new ArrayList<>();
    Set<UUID> portsAsked = new HashSet<>();
    for (Notice notice : due) {
      NoticeRenderer.Rendering rendering;
      try {
        rendering = renderer.render(session.carrier(), notice);
      } catch (RuntimeException e) { // the database, most likely: try again at the next tick
        LOG.debug("Reading the subject of notice {} failed; retrying", notice.id(), e);
        feed().defer(notice);
        continue;
      }
      if (rendering instanceof NoticeRenderer.Rendering.Push push) {
        if (push.body().hasPortNotice()) {
          portsAsked.add(notice.subject());
        }
        channel.write(push.body().setHeader(Header.newBuilder().setProtocolVersion(session.version())
            .setCorrelationId(ID_PREFIX + notice.id())).build());
        pushed.add(notice);
      } else if (rendering instanceof NoticeRenderer.Rendering.Drop) {
        feed().discard(notice);
      } else if (feed().isVoid(notice)) {
        LOG.info("Dropping notice {} of {} for {}: its write did not apply", notice.kind(), notice.subject(),
            session.carrier());
        feed().discard(notice);
      } else {
        feed().defer(notice);
      }
    }
    if (!pushed.isEmpty()) {
      channel.flush();
      recordPushes(pushed, portsAsked);
    }
    feed().checkpoint();
    return feed().behind();
  }

  /**
   * Records when the notices were first pushed (the audit holds a donor to its deadline only if it was told in time),
   * and tells the core of each port this donor was asked to answer late through the clearinghouse's own delay: the
   * time its notice waited while the donor was connected, which the donor's deadline does not count.
   */
  private void recordPushes(List<Notice> pushed, Set<UUID> portsAsked) {
    Instant now = clock.instant();
    for (Notice notice : feed().pushed(pushed)) {
      if (!portsAsked.contains(notice.subject())) {
        continue;
      }
      Instant waitingSince = notice.createdAt().isAfter(openedAt) ? notice.createdAt() : openedAt;
      Duration delay = Duration.between(waitingSince, now);
      if (delay.compareTo(PortingService.DONOR_TOLD_LATE) > 0) {
        LOG.info("{} was told of port {} {} ms late; its deadline moves on by as much", session.carrier(),
            notice.subject(), delay.toMillis());
        service.donorToldLate(notice.subject(), delay);
      }
    }
  }

  /**
   * The carrier's acknowledgement, taken on the event loop: the ids are queued (at most
   * {@link #MAX_PENDING_ACKNOWLEDGEMENTS}, the rest dropped and so pushed again later) and recorded by one drain
   * per connection, so that a carrier sending acknowledgements faster than they are written delays only itself.
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
      LOG.debug("{} acknowledges faster than they are recorded: {} acknowledgements dropped", session.carrier(),
          dropped);
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
      feed().checkpoint();
      wake(); // room under the bound of unacknowledged notices
    }
    return more;
  }

  /** The carrier's feed, opened at the first call; a failure to open is retried at the next drain. */
  private synchronized NoticeFeed feed() {
    if (feed == null) {
      feed = opener.get();
    }
    return feed;
  }
}
