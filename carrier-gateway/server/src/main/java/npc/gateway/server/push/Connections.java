package npc.gateway.server.push;

import io.netty.channel.Channel;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import npc.core.carrier.CarrierId;
import npc.core.event.DomainEvent;
import npc.core.event.DomainEvents;
import npc.core.notice.NoticeFeed;
import npc.core.porting.Port;
import npc.gateway.server.dispatch.Pushers;
import npc.gateway.server.session.Session;

/**
 * Every open session of this instance, and what wakes their pushers: an event of this instance (at once), the
 * routing database catching up with the log (routing streams), and a tick for what other instances wrote. As an
 * event sink it never blocks: a wake-up only schedules a drain.
 *
 * <p>A carrier's connections here share one notice pusher (one feed of its outbox), and one of them at a time has
 * the carrier's routing stream (a subscribe on another moves it there): what a carrier costs the pushers does not
 * grow with the connections it opens.
 */
public final class Connections implements Pushers, DomainEvents, AutoCloseable {
  private final PushContext context;
  private final NoticeRenderer renderer;
  private final ScheduledExecutorService executor;
  private final Set<CarrierConnection> open = ConcurrentHashMap.newKeySet();
  /** Each carrier's notice pusher, while it has a connection here. */
  private final Map<CarrierId, NoticePusher> notices = new ConcurrentHashMap<>();
  private final ScheduledFuture<?> tick;

  public Connections(PushContext context, ScheduledExecutorService executor) {
    this.context = context;
    this.renderer = new NoticeRenderer(context.service());
    this.executor = executor;
    long every = context.settings().tickMillis();
    this.tick = executor.scheduleWithFixedDelay(this::wakeAll, every, every, TimeUnit.MILLISECONDS);
  }

  /**
   * Opens the pushers of a session that just passed its handshake; the notices start at once. Called on the event
   * loop, so it reads nothing: the carrier's feed is opened by its pusher's first drain.
   */
  @Override
  public CarrierConnection open(Channel channel, Session session) {
    CarrierId carrier = session.carrier();
    NoticePusher pusher = notices.compute(carrier, (id, existing) -> {
      NoticePusher attached = existing != null ? existing : new NoticePusher(id,
          () -> NoticeFeed.open(context.outbox(), id, context.clock()), renderer, context.service(), context.clock(),
          executor);
      attached.attach(channel, session);
      return attached;
    });
    CarrierConnection connection = new CarrierConnection(channel, session, pusher,
        new RoutingStream(channel, session, context, executor), this::subscribed, this::closed);
    open.add(connection);
    pusher.wake();
    return connection;
  }

  /** A connection's routing stream started: the carrier's stream on its other connections here ends. */
  private void subscribed(CarrierConnection subscriber) {
    for (CarrierConnection other : open) {
      if (other != subscriber && other.session().carrier().equals(subscriber.session().carrier())) {
        other.routing().supersede();
      }
    }
  }

  private void closed(CarrierConnection connection) {
    open.remove(connection);
    notices.computeIfPresent(connection.session().carrier(),
        (carrier, pusher) -> pusher.detach(connection.channel()) ? null : pusher);
  }

  /** The sessions open now. */
  public List<CarrierConnection> open() {
    return List.copyOf(open);
  }

  @Override
  public void publish(DomainEvent event) {
    Set<CarrierId> told = concerned(event);
    notices.forEach((carrier, pusher) -> {
      if (told == null || told.contains(carrier)) {
        pusher.wake();
      }
    });
  }

  /** The carriers whose outbox the event's write filled (see NotifyingPortStore); null for any. */
  private static Set<CarrierId> concerned(DomainEvent event) {
    Port port = null;
    if (event instanceof DomainEvent.PortOpened e) {
      return Set.of(e.port().donor());
    } else if (event instanceof DomainEvent.DonorAnswered e) {
      port = e.port();
    } else if (event instanceof DomainEvent.PortScheduled e) {
      port = e.port();
    } else if (event instanceof DomainEvent.PortActivated e) {
      port = e.port();
    } else if (event instanceof DomainEvent.PortEnded e) {
      port = e.port();
    } else if (event instanceof DomainEvent.EligibilityQueried e) {
      return Set.of(e.query().donor());
    } else if (event instanceof DomainEvent.EligibilityAnswered e) {
      return Set.of(e.query().askedBy());
    } else if (event instanceof DomainEvent.EligibilityExpired e) {
      return Set.of(e.query().askedBy(), e.query().donor());
    } else if (event instanceof DomainEvent.CodeVoided e) {
      return Set.of(e.servingCarrier());
    } else if (!(event instanceof DomainEvent.CodeExpired)) {
      return Set.of(); // nothing in any outbox
    }
    return port == null ? null : Set.of(port.recipient(), port.donor());
  }

  /** The most notices one carrier has pushed here and not acknowledged; for tests and metrics. */
  public int largestUnacknowledged() {
    return notices.values().stream().mapToInt(NoticePusher::unacknowledged).max().orElse(0);
  }

  /** The log has changes past what the routing streams sent: the instance's routing database caught up. */
  public void wakeRouting() {
    open.forEach(connection -> connection.routing().wake());
  }

  private void wakeAll() {
    notices.values().forEach(NoticePusher::wake);
    open.forEach(connection -> connection.routing().wake());
  }

  @Override
  public void close() {
    tick.cancel(false);
  }
}
