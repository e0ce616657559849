package npc.core.notice;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import npc.core.carrier.CarrierId;
import npc.core.testing.MutableClock;
import org.junit.jupiter.api.Test;

class NoticeFeedTest {
  private static final CarrierId CM = new CarrierId("CM");
  private static final CarrierId CU = new CarrierId("CU");
  private static final Instant START = Instant.parse("2026-11-29T02:00:00Z");

  private final MutableClock clock = new MutableClock(START);
  private final MemoryOutbox outbox = new MemoryOutbox();

  @Test
  void aCarrierNeverSeenStartsAWeekBackAndGetsOnlyItsOwnNotices() {
    Notice old = outbox.add(CM, START.minus(Duration.ofDays(6)));
    Notice tooOld = outbox.add(CM, START.minus(Duration.ofDays(8)));
    outbox.add(CU, START.minusSeconds(1));

    NoticeFeed feed = NoticeFeed.open(outbox, CM, clock);

    assertThat(feed.poll(100)).containsExactly(old);
    assertThat(tooOld.createdAt()).isBefore(feed.watermark());
  }

  @Test
  void eachNoticeIsHandedOutOnceWhateverTheReadsReturnAgain() {
    NoticeFeed feed = NoticeFeed.open(outbox, CM, clock);
    Notice first = outbox.add(CM, START.minusMillis(300));
    assertThat(feed.poll(100)).containsExactly(first);

    Notice second = outbox.add(CM, START.minusMillis(200));
    assertThat(feed.poll(100)).containsExactly(second);
    assertThat(feed.poll(100)).isEmpty();
    assertThat(feed.unacknowledged()).isEqualTo(2);
  }

  @Test
  void aNoticeReadableLateIsStillHandedOutWithinTheSettleWindow() {
    NoticeFeed feed = NoticeFeed.open(outbox, CM, clock);
    Notice inFlight = outbox.stamp(CM, START.minusSeconds(2)); // written by another instance, not readable yet
    Notice later = outbox.add(CM, START.minusSeconds(1));
    assertThat(feed.poll(100)).containsExactly(later);

    outbox.publish(inFlight);
    assertThat(feed.poll(100)).as("between two reads of the settle window, only what is newer").isEmpty();

    clock.advance(NoticeFeed.SETTLE_READ_EVERY);
    assertThat(feed.poll(100)).containsExactly(inFlight);
  }

  @Test
  void onlyIdsHandedOutCountAsAcknowledged() {
    NoticeFeed feed = NoticeFeed.open(outbox, CM, clock);
    Notice notice = outbox.add(CM, START.minusSeconds(1));
    Notice notHandedOut = outbox.stamp(CM, START.minusSeconds(1));
    feed.poll(100);

    int done = feed.acknowledge(List.of(notice.id(), notice.id(), notHandedOut.id(), UUID.randomUUID()));

    assertThat(done).isEqualTo(1);
    assertThat(outbox.isAcked(notice)).isTrue();
    assertThat(outbox.isAcked(notHandedOut)).isFalse();
    assertThat(feed.unacknowledged()).isZero();
  }

  @Test
  void theSavedWatermarkNeverPassesANoticeNotAcknowledged() throws InterruptedException {
    NoticeFeed feed = NoticeFeed.open(outbox, CM, clock);
    Notice unacked = outbox.add(CM, START.minusSeconds(30));
    Notice acked = outbox.add(CM, START.minusSeconds(20));
    Notice newest = outbox.add(CM, START.minusSeconds(10));
    feed.poll(100);
    feed.acknowledge(List.of(acked.id(), newest.id()));

    feed.checkpoint();
    assertThat(NoticeFeed.awaitRecords(Duration.ofSeconds(10))).isTrue();

    assertThat(outbox.watermark(CM)).contains(unacked.createdAt());
    NoticeFeed reconnected = NoticeFeed.open(outbox, CM, clock);
    assertThat(reconnected.poll(100)).containsExactly(unacked);

    reconnected.acknowledge(List.of(unacked.id()));
    reconnected.checkpoint();
    assertThat(NoticeFeed.awaitRecords(Duration.ofSeconds(10))).isTrue();
    assertThat(outbox.watermark(CM)).contains(START.minus(NoticeFeed.SETTLE));
  }

  @Test
  void aDeferredNoticeComesBackAtEachPollAndIsVoidAfterTheGrace() {
    NoticeFeed feed = NoticeFeed.open(outbox, CM, clock);
    Notice notice = outbox.add(CM, START);
    feed.poll(100);
    feed.defer(notice);
    feed.checkpoint();
    assertThat(feed.watermark()).isBeforeOrEqualTo(notice.createdAt());

    assertThat(feed.poll(100)).containsExactly(notice);
    assertThat(feed.isVoid(notice)).isFalse();
    clock.advance(NoticeFeed.GRACE.plusMillis(1));
    assertThat(feed.isVoid(notice)).isTrue();

    feed.discard(notice);
    assertThat(outbox.isAcked(notice)).isTrue();
    assertThat(feed.poll(100)).isEmpty();
  }

  @Test
  void aNoticeReleasedByAClosedConnectionIsHandedOutAgainAtTheNextPollAndStillCountsWhenAcknowledged() {
    NoticeFeed feed = NoticeFeed.open(outbox, CM, clock);
    Notice released = outbox.add(CM, START.minusSeconds(2));
    Notice kept = outbox.add(CM, START.minusSeconds(1));
    assertThat(feed.poll(100)).containsExactly(released, kept);

    feed.release(List.of(released.id(), UUID.randomUUID()));

    assertThat(feed.poll(100)).as("at once, not a minute later").containsExactly(released);
    assertThat(feed.watermark()).isBeforeOrEqualTo(released.createdAt());
    assertThat(feed.acknowledge(List.of(released.id(), kept.id()))).isEqualTo(2);
    assertThat(feed.unacknowledged()).isZero();
  }

  @Test
  void aNoticeNotAcknowledgedForAMinuteIsHandedOutAgainOnTheSameConnection() {
    NoticeFeed feed = NoticeFeed.open(outbox, CM, clock);
    Notice failed = outbox.add(CM, START.minusSeconds(2));
    Notice acknowledged = outbox.add(CM, START.minusSeconds(1));
    assertThat(feed.poll(100)).containsExactly(failed, acknowledged);
    feed.acknowledge(List.of(acknowledged.id()));

    clock.advance(NoticeFeed.REDELIVER_AFTER.minusSeconds(1));
    assertThat(feed.poll(100)).isEmpty();
    clock.advance(Duration.ofSeconds(1));
    assertThat(feed.poll(100)).containsExactly(failed);
    assertThat(feed.poll(100)).as("once a minute, not at every poll").isEmpty();
    assertThat(feed.unacknowledged()).isEqualTo(1);
  }

  @Test
  void moreNoticesInTheSettleWindowThanAPageAreAllHandedOutPageByPage() {
    NoticeFeed feed = NoticeFeed.open(outbox, CM, clock);
    List<Notice> burst = new ArrayList<>();
    for (int i = 0; i < 25; i++) {
      burst.add(outbox.add(CM, START.minusMillis(1000 - i)));
    }
    List<Notice> handedOut = new ArrayList<>();
    for (int polls = 0; polls < 10 && handedOut.size() < burst.size(); polls++) {
      handedOut.addAll(feed.poll(10));
    }

    assertThat(handedOut).containsExactlyElementsOf(burst);
    assertThat(feed.poll(10)).isEmpty();
    assertThat(feed.behind()).isFalse();
  }
  @Test
  void aPortsNoticeBehindAnotherCarriersFloodOfQueriesIsHandedOutAtTheNextPoll() {
    NoticeFeed feed = NoticeFeed.open(outbox, CM, clock);
    List<Notice> queries = new ArrayList<>();
    for (int i = 0; i < 1_000; i++) {
      queries.add(outbox.add(CM, START.minusSeconds(60).plusMillis(i),
          i % 2 == 0 ? Notice.Kind.QUERY : Notice.Kind.ELIGIBILITY_EXPIRED));
    }
    Notice port = outbox.add(CM, START.minusSeconds(30));

    List<Notice> first = feed.poll(200);

    assertThat(first).hasSize(200).first().isEqualTo(port);
    assertThat(first.subList(1, 200)).containsExactlyElementsOf(queries.subList(0, 199));
    assertThat(feed.behind()).as("the queries read ahead are still to hand out").isTrue();
    feed.acknowledge(first.stream().map(Notice::id).toList());
    assertThat(feed.watermark()).as("nor does the watermark pass them").isEqualTo(queries.get(199).createdAt());
    List<Notice> rest = new ArrayList<>();
    for (int polls = 0; polls < 10 && feed.behind(); polls++) {
      rest.addAll(feed.poll(200));
    }
    assertThat(rest).containsExactlyElementsOf(queries.subList(199, 1_000));
  }

  @Test
  void noticesGivenBackAreHandedOutAgainBeforeLaterOnesOfTheirKindAndAfterEveryPort() {
    NoticeFeed feed = NoticeFeed.open(outbox, CM, clock);
    Notice query = outbox.add(CM, START.minusSeconds(60), Notice.Kind.QUERY);
    Notice expired = outbox.add(CM, START.minusSeconds(50), Notice.Kind.ELIGIBILITY_EXPIRED);
    assertThat(feed.poll(100)).containsExactly(query, expired);

    feed.giveBack(List.of(query, expired));
    Notice later = outbox.add(CM, START.minusMillis(150), Notice.Kind.QUERY);
    Notice port = outbox.add(CM, START.minusMillis(100));

    assertThat(feed.unacknowledged()).as("given back, no longer handed out").isZero();
    assertThat(feed.watermark()).isEqualTo(query.createdAt());
    assertThat(feed.poll(100)).containsExactly(port, query, expired, later);
  }

  @Test
  void whatIsReadAheadIsBounded() {
    NoticeFeed feed = NoticeFeed.open(outbox, CM, clock);
    for (int i = 0; i < NoticeFeed.READ_AHEAD + 500; i++) {
      outbox.add(CM, START.minusMillis(10_000).plusNanos(i * 1_000L), Notice.Kind.QUERY);
    }
    Notice port = outbox.add(CM, START.minusMillis(1_000));

    assertThat(feed.poll(100)).doesNotContain(port).hasSize(100);
    assertThat(feed.readAhead()).isLessThanOrEqualTo(NoticeFeed.READ_AHEAD);
  }

  @Test
  void thePusherWaitsNeitherForTheRecordOfItsPushesNorForTheSaveOfTheWatermark() throws Exception {
    Notice notice = outbox.add(CM, START.minusSeconds(1));
    NoticeFeed feed = NoticeFeed.open(outbox, CM, clock);
    List<Notice> due = feed.poll(100);
    CountDownLatch holding = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    Thread slowStore = new Thread(() -> {
      synchronized (outbox) { // every write of the outbox waits meanwhile
        holding.countDown();
        try {
          release.await();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
    });
    slowStore.start();
    holding.await();
    try {
      CompletableFuture<List<Notice>> pushed = CompletableFuture.supplyAsync(() -> {
        List<Notice> first = feed.pushed(due);
        feed.checkpoint(); // the notice pushed and not acknowledged: the watermark moved on to it
        return first;
      });
      assertThat(pushed.get(5, TimeUnit.SECONDS)).as("returned while the writes wait").containsExactly(notice);
    } finally {
      release.countDown();
      slowStore.join();
    }
    long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (outbox.delivery(CM, notice.id()).orElseThrow().firstPushedAt().isEmpty() && System.nanoTime() < until) {
      Thread.sleep(10);
    }
    assertThat(outbox.delivery(CM, notice.id()).orElseThrow().firstPushedAt()).as("recorded once the store answers")
        .contains(START);
    assertThat(NoticeFeed.awaitRecords(Duration.ofSeconds(10))).isTrue();
    assertThat(outbox.watermark(CM)).as("saved once the store answers").contains(feed.watermark());
  }
}
