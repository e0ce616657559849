package npc.gateway.client;

import io.netty.util.concurrent.EventExecutor;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import npc.gateway.protocol.v1.Envelope;
import npc.gateway.protocol.v1.NotificationAck;
import npc.gateway.protocol.v1.PortStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands the gateway's notifications to the carrier's listener, once each, and acknowledges them. A notification
 * is decided on the event loop in arrival order (see {@link DeliveryLedger}), delivered on the listener's serial
 * lane, and acknowledged only after the listener returned normally; duplicates are acknowledged without being
 * delivered. Acknowledgements are batched: at most {@link #ACK_EVERY} ids in one {@code NotificationAck}, sent
 * {@link #ACK_INTERVAL} after the first waiting id at the latest. Ids waiting when the connection drops are not
 * sent: the gateway delivers those notifications again and the ledger acknowledges them as duplicates.
 */
final class NotificationInbox {
  private static final Logger LOG = LoggerFactory.getLogger(NotificationInbox.class);
  static final Duration ACK_INTERVAL = Duration.ofMillis(5);
  static final int ACK_EVERY = 100;

  private final CarrierListener listener;
  private final Executor lane;
  private final DeliveryLedger ledger;
  private final Outbound out;
  private final EventExecutor loop;
  private final FlushSchedule acks;
  private final List<String> unacknowledged = new ArrayList<>();

  NotificationInbox(CarrierListener listener, Executor lane, DeliveryLedger ledger, Outbound out,
      EventExecutor loop) {
    this.listener = listener;
    this.lane = lane;
    this.ledger = ledger;
    this.out = out;
    this.loop = loop;
    this.acks = new FlushSchedule(loop, ACK_INTERVAL, ACK_EVERY, this::acknowledge);
  }

  /** Takes a notification the gateway pushed; false when {@code envelope} is not a notification. */
  boolean accept(Envelope envelope) {
    Optional<Runnable> delivery = delivery(envelope);
    if (delivery.isEmpty()) {
      return false;
    }
    String id = envelope.getHeader().getCorrelationId();
    Optional<String> portStep = envelope.hasPortStatus() ? Optional.of(portStep(envelope.getPortStatus().getPort()))
        : Optional.empty();
    switch (ledger.arrived(id, portStep)) {
      case DELIVER -> lane.execute(() -> deliver(id, envelope.getBodyCase(), portStep, delivery.get()));
      case ACKNOWLEDGE_ONLY -> {
        LOG.debug("Notification {} is a duplicate; acknowledged again", id);
        acknowledgeLater(id);
      }
      case IGNORE -> LOG.debug("Notification {} is with the listener already", id);
    }
    return true;
  }

  /** The session closed: its waiting acknowledgements go nowhere. */
  void stop() {
    acks.reset();
    unacknowledged.clear();
  }

  /** Sends the waiting acknowledgement now: the client closes. */
  void flushWaiting() {
    acks.flushWaiting();
  }

  private Optional<Runnable> delivery(Envelope envelope) {
    return Optional.ofNullable(switch (envelope.getBodyCase()) {
      case PORT_NOTICE -> () -> listener.onPortNotice(envelope.getPortNotice());
      case PORT_STATUS -> () -> listener.onPortStatus(envelope.getPortStatus());
      case TIMER -> () -> listener.onTimer(envelope.getTimer());
      case ELIGIBILITY_QUERY_NOTICE -> () -> listener.onEligibilityQuery(envelope.getEligibilityQueryNotice());
      case ELIGIBILITY_RESULT -> () -> listener.onEligibilityResult(envelope.getEligibilityResult());
      default -> null;
    });
  }

  /** On the listener's lane. The exception's message is not logged: it may quote the notification's number. */
  private void deliver(String id, Envelope.BodyCase kind, Optional<String> portStep, Runnable delivery) {
    try {
      delivery.run();
    } catch (RuntimeException e) {
      ledger.failed(id, portStep);
      LOG.warn("The listener failed on notification {} ({}) with {}; not acknowledged, the gateway will deliver "
          + "it again", id, kind, e.getClass().getName());
      return;
    }
    ledger.delivered(id);
    try {
      loop.execute(() -> acknowledgeLater(id));
    } catch (RejectedExecutionException e) {
      LOG.debug("Notification {} delivered while the client closed; the gateway will deliver it again", id);
    }
  }

  private void acknowledgeLater(String id) {
    unacknowledged.add(id);
    acks.added(1);
  }

  private void acknowledge() {
    NotificationAck ack = NotificationAck.newBuilder().addAllNotificationIds(unacknowledged).build();
    unacknowledged.clear();
    out.oneWay(frame -> frame.setNotificationAck(ack));
  }

  private static String portStep(PortStatus port) {
    return port.getPortId() + '\u0000' + port.getState().getNumber();
  }
}
