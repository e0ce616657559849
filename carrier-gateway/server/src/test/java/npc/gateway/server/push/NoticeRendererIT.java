package npc.gateway.server.push;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import npc.core.carrier.CarrierId;
import npc.core.event.DomainEvents;
import npc.core.identity.IdentityDigester;
import npc.core.identity.SubscriberIdentity;
import npc.core.notice.Notice;
import npc.core.notice.NoticeFeed;
import npc.core.notice.Outbox;
import npc.core.port.PortState;
import npc.core.porting.DonorAnswer;
import npc.core.porting.EligibilityQuery;
import npc.core.porting.Port;
import npc.core.porting.PortOutcome;
import npc.core.porting.PortingService;
import npc.core.porting.QueryEligibility;
import npc.core.porting.SubmitPort;
import npc.core.porting.SubscriberType;
import npc.core.regime.Regime;
import npc.core.regime.RegimeLoader;
import npc.core.storage.Database;
import npc.core.storage.testing.TestCassandra;
import npc.core.store.CassandraOutbox;
import npc.core.store.CassandraRoutingLog;
import npc.core.store.CassandraStores;
import npc.core.testing.MutableClock;
import npc.gateway.protocol.v1.EligibilityQueryNotice;
import npc.gateway.protocol.v1.EligibilityState;
import npc.gateway.protocol.v1.Envelope;
import npc.gateway.protocol.v1.NotificationAck;
import npc.gateway.protocol.v1.TimerKind;
import npc.gateway.server.session.Session;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What a notice becomes when its subject is read on the real node, in particular while the write it announces is
 * not there yet: the notice is written first, so a pusher can find the port as it was before. And what a carrier's
 * pusher records of what it pushed, on a channel of the test's own.
 */
class NoticeRendererIT {
  private static final CarrierId CM = new CarrierId("CM");
  private static final CarrierId CU = new CarrierId("CU");
  private static final SubscriberIdentity ALICE = new SubscriberIdentity("Zhang Wei", "110101199003071234");
  private static Database database;
  private static Outbox outbox;
  private static PortingService service;
  private static NoticeRenderer renderer;
  private static final MutableClock CLOCK = new MutableClock(Instant.now());
  private static int numbers;

  @BeforeAll
  static void start() {
    database = TestCassandra.freshDatabase("notice_renderer");
    Regime regime = RegimeLoader.builtIn("demo");
    outbox = new CassandraOutbox(database.session(), Clock.systemUTC());
    service = CassandraStores.portingService(database.session(), regime, DomainEvents.none(),
        new IdentityDigester("renderer test identity key, 32 bytes at least".getBytes(StandardCharsets.UTF_8)),
        CLOCK, outbox, new CassandraRoutingLog(database.session(), regime.numbers()));
    renderer = new NoticeRenderer(service);
  }

  @AfterAll
  static void stop() {
    database.close();
  }

  @Test
  void aPortShortOfTheAnnouncedStateWaitsAndAPortAtOrPastItIsPushedAsItIsNow() {
    Port open = openPort();

    assertThat(renderer.render(CU, notice(open, PortState.REJECTED_BY_DONOR)))
        .as("the rejection's write not there yet").isInstanceOf(NoticeRenderer.Rendering.Wait.class);
    assertThat(pushed(CM, notice(open, PortState.PENDING_DONOR)).hasPortNotice()).isTrue();

    Port scheduled = service.answer(new DonorAnswer.Accept(CM, open.id(), List.of())).value();
    assertThat(scheduled.state()).isEqualTo(PortState.SCHEDULED);
    assertThat(pushed(CU, notice(open, PortState.ACCEPTED)).getPortStatus().getPort().getState())
        .isEqualTo(npc.gateway.protocol.v1.PortState.PORT_STATE_SCHEDULED);
    assertThat(pushed(CM, notice(open, PortState.PENDING_DONOR)).hasPortStatus())
        .as("the donor already answered: a status, not a request for an answer").isTrue();
    assertThat(renderer.render(CU, notice(open, PortState.CANCELLED))).isInstanceOf(NoticeRenderer.Rendering.Wait.class);
  }

  @Test
  void aNoticeOfAPortThatNeverOpenedWaitsAndOtherCarriersSeeNothing() {
    Notice never = new Notice(UUID.randomUUID(), CM, Notice.Kind.PORT, UUID.randomUUID(), "+8613900000999",
        Optional.of(PortState.PENDING_DONOR), Instant.now());
    assertThat(renderer.render(CM, never)).isInstanceOf(NoticeRenderer.Rendering.Wait.class);

    Port open = openPort();
    assertThat(renderer.render(new CarrierId("CT"), notice(open, PortState.PENDING_DONOR)))
        .isInstanceOf(NoticeRenderer.Rendering.Wait.class);
  }

  @Test
  void aVoidedCodeIsPushedToTheServingCarrierOnceGoneAndDroppedOnceANewCodeIsIssued() {
    String number = "+861390000" + String.format("%04d", ++numbers);
    String code = service.issueCode(CM, number, ALICE).value().code();
    ByteBuffer hash = database.session().execute("SELECT code_hash FROM numbers WHERE msisdn = ?", number).one()
        .getByteBuffer("code_hash");
    byte[] bytes = new byte[hash.remaining()];
    hash.duplicate().get(bytes);
    UUID codeId = UUID.nameUUIDFromBytes(bytes); // the code's id, as its notices name it
    Notice voided = new Notice(UUID.randomUUID(), CM, Notice.Kind.CODE_VOIDED, codeId, number, Optional.empty(),
        Instant.now());
    assertThat(renderer.render(CM, voided)).as("the void's write not there yet")
        .isInstanceOf(NoticeRenderer.Rendering.Wait.class);

    for (int i = 1; i <= service.regime().code().maxMismatches(); i++) {
      String wrong = String.format("%06d", (Integer.parseInt(code) + i) % 1_000_000);
      service.submit(new SubmitPort(CU, "guess-" + numbers + "-" + i, number, "o", "app", SubscriberType.INDIVIDUAL,
          ALICE, wrong)).value();
    }
    npc.gateway.protocol.v1.TimerNotice timer = pushed(CM, voided).getTimer();
    assertThat(timer.getKind()).isEqualTo(TimerKind.TIMER_KIND_CODE_VOIDED);
    assertThat(timer.getMsisdn()).isEqualTo(number);

    service.issueCode(CM, number, ALICE).value();
    assertThat(renderer.render(CM, voided)).as("a new code was issued since")
        .isInstanceOf(NoticeRenderer.Rendering.Drop.class);
  }

  @Test
  void theDonorIsAskedWithTheSubscriberWhileTheQueryIsPendingAndTheAskerToldOnceItExpired() {
    String number = "+861390001" + String.format("%04d", ++numbers);
    EligibilityQuery query = service.queryEligibility(new QueryEligibility(CU, number, SubscriberType.INDIVIDUAL,
        ALICE)).value();
    Notice asked = queryNotice(CM, query);
    Notice result = queryNotice(CU, query);

    EligibilityQueryNotice toDonor = pushed(CM, asked).getEligibilityQueryNotice();
    assertThat(toDonor.getSubscriber().getIdNumber()).isEqualTo(ALICE.idNumber());
    assertThat(toDonor.getSubscriberType())
        .isEqualTo(npc.gateway.protocol.v1.SubscriberType.SUBSCRIBER_TYPE_INDIVIDUAL);
    assertThat(renderer.render(CU, result)).as("pending: nothing to tell the asker yet")
        .isInstanceOf(NoticeRenderer.Rendering.Wait.class);

    CLOCK.set(query.deadline());
    service.fireDueDeadlines();

    assertThat(pushed(CU, result).getEligibilityResult().getState())
        .isEqualTo(EligibilityState.ELIGIBILITY_STATE_EXPIRED);
    assertThat(renderer.render(CM, asked)).as("too late to ask the donor")
        .isInstanceOf(NoticeRenderer.Rendering.Drop.class);
  }

  @Test
  void aNoticeAcknowledgedBeforeThePusherIsDoneWithItsPageHasItsFirstPushRecordedBeforeTheAcknowledgement()
      throws Exception {
    Port port = openPort();

    // Everything runs on the test's thread, and the carrier acknowledges what it is sent as the flush sends it: the
    // acknowledgement is recorded before the pusher's turn returns, as a fast carrier's can be.
    NoticePusher pusher = new NoticePusher(CM, () -> NoticeFeed.open(outbox, CM, Clock.systemUTC()), renderer,
        service, Clock.systemUTC(), Runnable::run);
    List<UUID> sent = new ArrayList<>();
    EmbeddedChannel channel = new EmbeddedChannel(new ChannelOutboundHandlerAdapter() {
      private final List<String> written = new ArrayList<>();

      @Override
      public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        written.add(((Envelope) msg).getHeader().getCorrelationId());
        promise.setSuccess();
      }

      @Override
      public void flush(ChannelHandlerContext ctx) {
        written.forEach(id -> sent.add(UUID.fromString(id.substring(NoticePusher.ID_PREFIX.length()))));
        pusher.acknowledge(NotificationAck.newBuilder().addAllNotificationIds(written).build());
        written.clear();
      }
    });
    pusher.attach(channel, new Session(CM, 1));
    for (int turn = 0; turn < 100 && pusher.drainOnce(); turn++) {
      // the outbox holds the other tests' notices to CM too: as many turns as they take
    }

    Optional<Instant> told = Optional.empty();
    for (long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        told.isEmpty() && System.nanoTime() < until; Thread.sleep(20)) {
      told = outbox.toldAt(CM, port.id()); // written on a thread of the feed's own
    }
    assertThat(told).as("when the donor was told of the port").isPresent();
    assertThat(sent).isNotEmpty();
    for (UUID notice : sent) {
      Outbox.Delivery delivery = outbox.delivery(CM, notice).orElseThrow();
      assertThat(delivery.acknowledgedAt()).as("acknowledged").isPresent();
      assertThat(delivery.firstPushedAt()).as("first pushed").isPresent();
      assertThat(delivery.firstPushedAt().get()).as("pushed no later than acknowledged")
          .isBeforeOrEqualTo(delivery.acknowledgedAt().get());
    }
    channel.finishAndReleaseAll();
  }

  @Test
  void progressOrdersEveryStateAlongTheLifecycle() {
    assertThat(NoticeRenderer.progress(PortState.PENDING_DONOR)).isLessThan(NoticeRenderer.progress(PortState.ACCEPTED));
    assertThat(NoticeRenderer.progress(PortState.ACCEPTED)).isEqualTo(NoticeRenderer.progress(PortState.DEEMED_ACCEPTED));
    assertThat(NoticeRenderer.progress(PortState.SCHEDULED)).isLessThan(NoticeRenderer.progress(PortState.ACTIVATED));
    assertThat(NoticeRenderer.progress(PortState.ACTIVATED)).isLessThan(NoticeRenderer.progress(PortState.COMPLETED));
    assertThat(NoticeRenderer.progress(PortState.CANCELLED)).isEqualTo(NoticeRenderer.progress(PortState.COMPLETED));
    assertThat(NoticeRenderer.progress(PortState.COMPLETED)).isLessThan(NoticeRenderer.progress(PortState.REVERSED));
  }

  private static Port openPort() {
    String number = "+861390000" + String.format("%04d", ++numbers);
    String code = service.issueCode(CM, number, ALICE).value().code();
    return ((PortOutcome.Opened) service.submit(new SubmitPort(CU, "renderer-" + numbers, number, "o", "app",
        SubscriberType.INDIVIDUAL, ALICE, code)).value()).port();
  }

  private static Notice queryNotice(CarrierId to, EligibilityQuery query) {
    return new Notice(UUID.randomUUID(), to, Notice.Kind.QUERY, query.id(), query.msisdn().toString(),
        Optional.empty(), Instant.now());
  }

  private static Notice notice(Port port, PortState announced) {
    return new Notice(UUID.randomUUID(), CU, Notice.Kind.PORT, port.id(), port.msisdn().toString(),
        Optional.of(announced), Instant.now());
  }

  private static npc.gateway.protocol.v1.Envelope pushed(CarrierId to, Notice notice) {
    NoticeRenderer.Rendering rendering = renderer.render(to, notice);
    assertThat(rendering).isInstanceOf(NoticeRenderer.Rendering.Push.class);
    return ((NoticeRenderer.Rendering.Push) rendering).body().build();
  }
}
