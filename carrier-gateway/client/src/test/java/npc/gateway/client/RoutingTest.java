package npc.gateway.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import npc.gateway.protocol.v1.Envelope;
import npc.gateway.protocol.v1.Envelope.BodyCase;
import npc.gateway.protocol.v1.RouteEntry;
import npc.gateway.protocol.v1.RouteUpdate;
import npc.gateway.protocol.v1.RoutingSnapshotChunk;
import npc.gateway.protocol.v1.RoutingUpdates;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The routing stream: snapshot, changes in order, duplicates, gaps, acknowledgements and resume. */
class RoutingTest extends FakeGatewayTest {
  private static final String A = "+8613800000001";
  private static final String B = "+8613800000002";
  private static final String C = "+8613800000003";

  private final RoutingMirror mirror = new RoutingMirror();
  private final BlockingQueue<String> changes = new LinkedBlockingQueue<>();

  @BeforeEach
  void listen() {
    Executor direct = Runnable::run;
    mirror.addListener(new RouteListener() {
      @Override
      public void onRouteChanged(String msisdn, Optional<Route> route, long position) {
        changes.add(position + " " + msisdn + " " + route.map(Route::carrier).orElse("-"));
      }

      @Override
      public void onSnapshotLoaded(long position, int portedNumbers) {
        changes.add("snapshot " + position + " of " + portedNumbers);
      }
    }, direct);
  }

  @Test
  void theFirstSubscriptionStartsFromZeroAndASnapshotReplacesTheMirrorThenChangesFollow() throws Exception {
    connect(carrier().routingMirror(mirror));
    Envelope subscribe = gateway.next(BodyCase.ROUTING_SUBSCRIBE);
    assertThat(subscribe.getRoutingSubscribe().getResumeAfter()).isZero();

    gateway.answer(subscribe, frame -> frame.setRoutingSnapshot(RoutingSnapshotChunk.newBuilder()
        .setSnapshotPosition(10).addEntries(entry(A, "CU", 3)).addEntries(entry(B, "CT", 1))));
    gateway.send("s:r2", frame -> frame.setRoutingSnapshot(RoutingSnapshotChunk.newBuilder()
        .setSnapshotPosition(10).addEntries(entry(C, "CU", 2)).setLast(true)));
    gateway.send("s:r3", frame -> frame.setRoutingUpdates(updates(update(11, B, "CU", 2), update(12, C, "", 3))));

    assertThat(take(3)).containsExactly("snapshot 10 of 3", "11 " + B + " CU", "12 " + C + " -");
    assertThat(mirror.carrierOf(A)).contains(new Route("CU", "RN-CU"));
    assertThat(mirror.carrierOf(B)).contains(new Route("CU", "RN-CU"));
    assertThat(mirror.carrierOf(C)).isEmpty();
    assertThat(mirror.carrierOf("+8613899999999")).isEmpty();
    assertThat(mirror.position()).isEqualTo(12);
    assertThat(mirror.portedNumbers()).isEqualTo(2);
    assertThat(acknowledgedUpTo(12)).isEqualTo(12);
  }

  @Test
  void resentPositionsAndChangesOfAVersionAlreadyHeldAreDropped() throws Exception {
    connect(carrier().routingMirror(mirror));
    gateway.next(BodyCase.ROUTING_SUBSCRIBE);

    gateway.send("s:r1", frame -> frame.setRoutingUpdates(updates(update(1, A, "CU", 1), update(2, B, "CT", 5))));
    gateway.send("s:r2", frame -> frame.setRoutingUpdates(updates(update(1, A, "CT", 1), update(2, B, "CT", 5),
        update(3, A, "CT", 1), update(4, B, "CM", 4), update(5, A, "CM", 2))));

    assertThat(take(3)).containsExactly("1 " + A + " CU", "2 " + B + " CT", "5 " + A + " CM");
    assertThat(mirror.carrierOf(A)).contains(new Route("CM", "RN-CM"));
    assertThat(mirror.carrierOf(B)).contains(new Route("CT", "RN-CT"));
    assertThat(mirror.position()).isEqualTo(5);
    assertThat(acknowledgedUpTo(5)).isEqualTo(5);
  }

  @Test
  void aReturnedNumberKeepsItsVersionSoAnOlderChangeCannotBringItBack() throws Exception {
    connect(carrier().routingMirror(mirror));
    gateway.next(BodyCase.ROUTING_SUBSCRIBE);

    gateway.send("s:r1", frame -> frame.setRoutingUpdates(updates(update(1, A, "CU", 1), update(2, A, "", 2),
        update(3, A, "CU", 1), update(4, B, "CT", 1))));

    assertThat(take(3)).containsExactly("1 " + A + " CU", "2 " + A + " -", "4 " + B + " CT");
    assertThat(mirror.carrierOf(A)).isEmpty();
    assertThat(mirror.portedNumbers()).isEqualTo(1);
  }

  @Test
  void aGapInPositionsResubscribesOnceFromTheMirrorsPosition() throws Exception {
    connect(carrier().routingMirror(mirror));
    gateway.next(BodyCase.ROUTING_SUBSCRIBE);
    gateway.send("s:r1", frame -> frame.setRoutingUpdates(updates(update(1, A, "CU", 1), update(2, B, "CU", 1))));
    assertThat(take(2)).hasSize(2);

    gateway.send("s:r2", frame -> frame.setRoutingUpdates(updates(update(5, C, "CU", 1))));
    Envelope resubscribe = gateway.next(BodyCase.ROUTING_SUBSCRIBE);
    gateway.send("s:r3", frame -> frame.setRoutingUpdates(updates(update(6, C, "CT", 2))));
    gateway.answer(resubscribe, frame -> frame.setRoutingUpdates(updates(update(3, A, "CT", 2), update(4, B, "CT", 2),
        update(5, C, "CU", 1), update(6, C, "CT", 2))));

    assertThat(resubscribe.getRoutingSubscribe().getResumeAfter()).isEqualTo(2);
    assertThat(take(4)).containsExactly("3 " + A + " CT", "4 " + B + " CT", "5 " + C + " CU", "6 " + C + " CT");
    assertThat(acknowledgedUpTo(6)).isEqualTo(6);
    assertThat(gateway.received(BodyCase.ROUTING_SUBSCRIBE)).isEmpty();
  }

  @Test
  void aReconnectResumesAfterTheMirrorsPositionAndAcknowledgesOnlyWhatTheNewConnectionSent() throws Exception {
    connect(carrier().routingMirror(mirror));
    gateway.next(BodyCase.ROUTING_SUBSCRIBE);
    gateway.send("s:r1", frame -> frame.setRoutingUpdates(updates(update(1, A, "CU", 1), update(2, B, "CU", 1),
        update(3, C, "CU", 1))));
    assertThat(take(3)).hasSize(3);
    assertThat(acknowledgedUpTo(3)).isEqualTo(3);

    gateway.dropConnection();
    gateway.nextSession();
    gateway.nextSession();

    assertThat(gateway.next(BodyCase.ROUTING_SUBSCRIBE).getRoutingSubscribe().getResumeAfter()).isEqualTo(3);
    assertThat(gateway.received(BodyCase.ROUTING_ACK).poll(4 * RoutingStream.ACK_INTERVAL.toMillis(),
        TimeUnit.MILLISECONDS)).as("an acknowledgement of a position the new connection did not send").isNull();
    gateway.send("s:r4", frame -> frame.setRoutingUpdates(updates(update(4, A, "CT", 2))));
    assertThat(acknowledgedUpTo(4)).isEqualTo(4);
    assertThat(mirror.carrierOf(C)).contains(new Route("CU", "RN-CU"));
  }

  @Test
  void acknowledgementsCoverManyChangesAtOnce() throws Exception {
    connect(carrier().routingMirror(mirror));
    gateway.next(BodyCase.ROUTING_SUBSCRIBE);
    List<RouteUpdate> batch = new ArrayList<>();
    for (int position = 1; position <= 2_500; position++) {
      batch.add(update(position, "+86139" + String.format("%08d", position), "CU", 1));
    }

    gateway.send("s:r1", frame -> frame.setRoutingUpdates(RoutingUpdates.newBuilder().addAllUpdates(batch)));

    List<Long> acks = new ArrayList<>();
    while (acks.isEmpty() || acks.get(acks.size() - 1) < 2_500) {
      acks.add(gateway.next(BodyCase.ROUTING_ACK).getRoutingAck().getPosition());
    }
    assertThat(acks).isSorted().hasSizeLessThanOrEqualTo(3);
    assertThat(mirror.portedNumbers()).isEqualTo(2_500);
  }

  private List<String> take(int count) throws InterruptedException {
    List<String> taken = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      String next = changes.poll(WAIT, TimeUnit.SECONDS);
      assertThat(next).as("route change %d of %d", i + 1, count).isNotNull();
      taken.add(next);
    }
    return taken;
  }

  /** Takes RoutingAcks until one reaches {@code position}, and returns the last. */
  private long acknowledgedUpTo(long position) throws InterruptedException {
    long acknowledged = -1;
    while (acknowledged < position) {
      acknowledged = gateway.next(BodyCase.ROUTING_ACK).getRoutingAck().getPosition();
    }
    return acknowledged;
  }

  private static RouteEntry entry(String msisdn, String carrier, long version) {
    return RouteEntry.newBuilder().setMsisdn(msisdn).setCarrier(carrier).setRoutingNumber("RN-" + carrier)
        .setVersion(version).build();
  }

  private static RouteUpdate update(long position, String msisdn, String carrier, long version) {
    return RouteUpdate.newBuilder().setPosition(position).setMsisdn(msisdn).setCarrier(carrier)
        .setRoutingNumber(carrier.isEmpty() ? "" : "RN-" + carrier).setVersion(version).build();
  }

  private static RoutingUpdates updates(RouteUpdate... updates) {
    return RoutingUpdates.newBuilder().addAllUpdates(List.of(updates)).build();
  }
}
