package npc.gateway.server.push;

import io.netty.channel.Channel;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Executor;
import npc.core.notice.Notice;
import npc.core.notice.NoticeFeed;
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
  private final NoticeFeed feed;
  private final NoticeRenderer renderer;
  private final Set<UUID> pendingAcknowledgements = new LinkedHashSet<>();
  private final Drain acknowledgements;

  NoticePusher(Channel channel, Session session, NoticeFeed feed, NoticeRenderer renderer, Executor executor) {
    super(executor);
    this.channel = channel;
    this.session = session;
    this.feed = feed;
    this.renderer = renderer;
    this.acknowledgements = new Drain(executor) {
      @Override
      boolean drainOnce() {
        return recordAcknowledgements();
      }

      @Override
      void failed(RuntimeException failure) {
        LOG.warn("Recording acknowledgements of {} failed; those notices will be pushed again", session.carrier(),
            failure);
      }
    };
  }

  @Override
  boolean drainOnce() {
    if (!channel.isActive() || !channel.isWritable() || feed.unacknowledged() >= MAX_UNACKNOWLEDGED) {
      return false;
    }
    List<Notice> due = feed.poll(PAGE);
    int pushed = 0;
    for (Notice notice : due) {
      NoticeRenderer.Rendering rendering;
      try {
        rendering = renderer.render(session.carrier(), notice);
      } catch (RuntimeException e) { // the database, most likely: try again at the next tick
        LOG.debug("Reading the subject of notice {} failed; retrying", notice.id(), e);
        feed.defer(notice);
        continue;
      }
      if (rendering instanceof NoticeRenderer.Rendering.Push push) {
        channel.write(push.body().setHeader(Header.newBuilder().setProtocolVersion(session.version())
            .setCorrelationId(ID_PREFIX + notice.id())).build());
        pushed++;
      } else if (rendering instanceof NoticeRenderer.Rendering.Drop) {
        feed.discard(notice);
      } else if (feed.isVoid(notice)) {
        LOG.info("Dropping notice {} of {} for {}: its write did not apply", notice.kind(), notice.subject(),
            session.carrier());
        feed.discard(notice);
      } else {
        feed.defer(notice);
      }
    }
    if (pushed > 0) {
      channel.flush();
    }
    feed.checkpoint();
    return feed.behind();
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
      feed.acknowledge(batch);
      feed.checkpoint();
      wake(); // room under the bound of unacknowledged notices
    }
    return more;
  }

  @Override
  void failed(RuntimeException failure) {
    LOG.warn("Pushing notices to {} failed; retrying at the next tick", session.carrier(), failure);
  }
}
