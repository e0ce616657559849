package npc.gateway.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import npc.gateway.protocol.v1.EligibilityQueryNotice;
import npc.gateway.protocol.v1.EligibilityResultNotice;
import npc.gateway.protocol.v1.Envelope.BodyCase;
import npc.gateway.protocol.v1.PortNotice;
import npc.gateway.protocol.v1.PortState;
import npc.gateway.protocol.v1.PortStatus;
import npc.gateway.protocol.v1.PortStatusNotice;
import npc.gateway.protocol.v1.TimerKind;
import npc.gateway.protocol.v1.TimerNotice;
import org.junit.jupiter.api.Test;

/** Notifications: delivered once each, off the network thread, and acknowledged after the listener returns. */
class NotificationsTest extends FakeGatewayTest {
  private final BlockingQueue<String> heard = new LinkedBlockingQueue<>();
  private final BlockingQueue<String> threads = new LinkedBlockingQueue<>();
  private final AtomicBoolean failNextPortNotice = new AtomicBoolean();

  private final CarrierListener listener = new CarrierListener() {
    @Override
    public void onPortNotice(PortNotice notice) {
      threads.add(Thread.currentThread().getName());
      if (failNextPortNotice.getAndSet(false)) {
        throw new IllegalStateException("the carrier's system is down");
      }
      heard.add("port " + notice.getPortId());
    }

    @Override
    public void onPortStatus(PortStatusNotice notice) {
      heard.add("status " + notice.getPort().getPortId() + " " + notice.getPort().getState());
    }

    @Override
    public void onTimer(TimerNotice notice) {
      heard.add("timer " + notice.getKind());
    }

    @Override
    public void onEligibilityQuery(EligibilityQueryNotice notice) {
      heard.add("query " + notice.getQueryId());
    }

    @Override
    public void onEligibilityResult(EligibilityResultNotice notice) {
      heard.add("result " + notice.getQueryId());
    }
  };

  @Test
  void eachKindReachesItsListenerMethodOffTheNetworkThreadAndIsAcknowledged() throws Exception {
    connect(carrier().routingStream(false).listener(listener));

    gateway.send("s:1", frame -> frame.setPortNotice(PortNotice.newBuilder().setPortId("P-1")));
    gateway.send("s:2", frame -> frame.setPortStatus(status("P-1", PortState.PORT_STATE_SCHEDULED)));
    gateway.send("s:3", frame -> frame.setTimer(TimerNotice.newBuilder()
        .setKind(TimerKind.TIMER_KIND_DONOR_ANSWER_DEADLINE)));
    gateway.send("s:4", frame -> frame.setEligibilityQueryNotice(EligibilityQueryNotice.newBuilder().setQueryId("Q-1")));
    gateway.send("s:5", frame -> frame.setEligibilityResult(EligibilityResultNotice.newBuilder().setQueryId("Q-2")));

    assertThat(take(5)).containsExactly("port P-1", "status P-1 PORT_STATE_SCHEDULED",
        "timer TIMER_KIND_DONOR_ANSWER_DEADLINE", "query Q-1", "result Q-2");
    assertThat(threads.poll(WAIT, TimeUnit.SECONDS)).doesNotStartWith("npc-carrier-client");
    assertThat(acknowledged(5)).containsExactlyInAnyOrder("s:1", "s:2", "s:3", "s:4", "s:5");
  }

  @Test
  void aDuplicateIdIsAcknowledgedAgainButNotDeliveredAgain() throws Exception {
    connect(carrier().routingStream(false).listener(listener));

    gateway.send("s:1", frame -> frame.setPortNotice(PortNotice.newBuilder().setPortId("P-1")));
    assertThat(take(1)).containsExactly("port P-1");
    assertThat(acknowledged(1)).containsExactly("s:1");
    gateway.send("s:1", frame -> frame.setPortNotice(PortNotice.newBuilder().setPortId("P-1")));
    gateway.send("s:2", frame -> frame.setPortNotice(PortNotice.newBuilder().setPortId("P-2")));

    assertThat(take(1)).containsExactly("port P-2");
    assertThat(acknowledged(2)).containsExactlyInAnyOrder("s:1", "s:2");
  }

  @Test
  void aSecondStatusNoticeOfTheSameStepOfAPortIsADuplicateUnderAnyId() throws Exception {
    connect(carrier().routingStream(false).listener(listener));

    gateway.send("s:7", frame -> frame.setPortStatus(status("P-1", PortState.PORT_STATE_ACTIVATED)));
    gateway.send("s:8", frame -> frame.setPortStatus(status("P-1", PortState.PORT_STATE_ACTIVATED)));
    gateway.send("s:9", frame -> frame.setPortStatus(status("P-1", PortState.PORT_STATE_COMPLETED)));

    assertThat(take(2)).containsExactly("status P-1 PORT_STATE_ACTIVATED", "status P-1 PORT_STATE_COMPLETED");
    assertThat(acknowledged(3)).containsExactlyInAnyOrder("s:7", "s:8", "s:9");
  }

  @Test
  void aNotificationTheListenerFailedOnIsNotAcknowledgedAndIsDeliveredAgain() throws Exception {
    connect(carrier().routingStream(false).listener(listener));
    failNextPortNotice.set(true);

    gateway.send("s:1", frame -> frame.setPortNotice(PortNotice.newBuilder().setPortId("P-1")));
    gateway.send("s:2", frame -> frame.setPortNotice(PortNotice.newBuilder().setPortId("P-2")));
    assertThat(take(1)).containsExactly("port P-2");
    assertThat(acknowledged(1)).containsExactly("s:2");
    gateway.send("s:1", frame -> frame.setPortNotice(PortNotice.newBuilder().setPortId("P-1")));

    assertThat(take(1)).containsExactly("port P-1");
    assertThat(acknowledged(1)).containsExactly("s:1");
  }

  @Test
  void acknowledgementsAreBatchedAtAHundredIds() throws Exception {
    connect(carrier().routingStream(false).listener(listener));

    for (int i = 0; i < 250; i++) {
      String id = "s:" + i;
      gateway.send(id, frame -> frame.setTimer(TimerNotice.newBuilder().setSubjectId(id)));
    }

    assertThat(take(250)).hasSize(250);
    List<String> ids = new ArrayList<>();
    while (ids.size() < 250) {
      List<String> batch = gateway.next(BodyCase.NOTIFICATION_ACK).getNotificationAck().getNotificationIdsList();
      assertThat(batch).hasSizeBetween(1, NotificationInbox.ACK_EVERY);
      ids.addAll(batch);
    }
    assertThat(ids).doesNotHaveDuplicates().hasSize(250);
  }

  private List<String> take(int count) throws InterruptedException {
    List<String> taken = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      String next = heard.poll(WAIT, TimeUnit.SECONDS);
      assertThat(next).as("notification %d of %d", i + 1, count).isNotNull();
      taken.add(next);
    }
    return taken;
  }

  /** The next {@code count} acknowledged ids, over as many NotificationAck frames as it takes. */
  private List<String> acknowledged(int count) throws InterruptedException {
    List<String> ids = new ArrayList<>();
    while (ids.size() < count) {
      ids.addAll(gateway.next(BodyCase.NOTIFICATION_ACK).getNotificationAck().getNotificationIdsList());
    }
    return ids;
  }

  private static PortStatusNotice status(String portId, PortState state) {
    return PortStatusNotice.newBuilder().setPort(PortStatus.newBuilder().setPortId(portId).setState(state)).build();
  }
}
