package npc.gateway.server.push;

import io.netty.channel.Channel;
import java.util.ArrayList;
import java.util.List;
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
  private static final int PAGE = 200;
  private static final Logger LOG = LoggerFactory.getLogger(NoticePusher.class);

  private final Channel channel;
  private final Session session;
  private final NoticeFeed feed;
  private final NoticeRenderer renderer;

  NoticePusher(Channel channel, Session session, NoticeFeed feed, NoticeRenderer renderer, Executor executor) {
    super(executor);
    this.channel = channel;
    this.session = session;
    this.feed = feed;
    this.renderer = renderer;
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

  /** The carrier's acknowledgement; ids that are not this server's notice ids are ignored. */
  void acknowledge(NotificationAck ack) {
    List<UUID> ids = new ArrayList<>(ack.getNotificationIdsCount());
    for (String id : ack.getNotificationIdsList()) {
      if (id.startsWith(ID_PREFIX) && id.length() == ID_PREFIX.length() + 36) {
        try {
          ids.add(UUID.fromString(id.substring(ID_PREFIX.length())));
        } catch (IllegalArgumentException e) {
          // not one of ours: ignored like any unknown id
        }
      }
    }
    int done = feed.acknowledge(ids);
    if (done < ack.getNotificationIdsCount()) {
      LOG.debug("{} acknowledged {} ids, {} of them notices pushed on this connection", session.carrier(),
          ack.getNotificationIdsCount(), done);
    }
    feed.checkpoint();
    wake();
  }

  @Override
  void failed(RuntimeException failure) {
    LOG.warn("Pushing notices to {} failed; retrying at the next tick", session.carrier(), failure);
  }
}
