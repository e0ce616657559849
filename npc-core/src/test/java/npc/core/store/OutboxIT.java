package npc.core.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.datastax.oss.driver.api.core.uuid.Uuids;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.IntStream;
import npc.core.carrier.CarrierId;
import npc.core.notice.Notice;
import npc.core.notice.NoticeFeed;
import npc.core.notice.Outbox;
import npc.core.port.PortState;
import npc.core.storage.Database;
import npc.core.storage.testing.TestCassandra;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The outbox on the real node: order, acknowledgements, watermarks, and a feed reading what another wrote. */
class OutboxIT {
  private static final CarrierId CM = new CarrierId("CM");
  private static final CarrierId CU = new CarrierId("CU");
  private static Database first;
  private static Database second;

  @BeforeAll
  static void start() {
    first = TestCassandra.freshDatabase("outbox");
    second = TestCassandra.anotherSession(first);
  }

  @AfterAll
  static void stop() {
    second.close();
    first.close();
  }

  @Test
  void eachCarrierReadsItsNoticesInOrderUntilItAcknowledgesThem() {
    CassandraOutbox outbox = new CassandraOutbox(first.session(), Clock.systemUTC());
    Instant before = Instant.now().minusMillis(1);
    UUID port = UUID.randomUUID();
    outbox.enqueue(Notice.Kind.PORT, port, "+8613800138001", Optional.of(PortState.SCHEDULED), List.of(CM, CU));
    outbox.enqueue(Notice.Kind.DONOR_ANSWER_DEADLINE, port, "+8613800138001", Optional.empty(), List.of(CM, CU));
    outbox.enqueue(Notice.Kind.QUERY, UUID.randomUUID(), "+8613800138002", Optional.empty(), List.of(CU));

    List<Notice> cm = outbox.read(CM, before.minus(Duration.ofHours(1)), Optional.empty(), 100);
    List<Notice> cu = outbox.read(CU, before, Optional.empty(), 100);

    assertThat(cm).extracting(Notice::kind).containsExactly(Notice.Kind.PORT, Notice.Kind.DONOR_ANSWER_DEADLINE);
    assertThat(cm).extracting(Notice::portState).containsExactly(Optional.of(PortState.SCHEDULED), Optional.empty());
    assertThat(cm).allSatisfy(notice -> {
      assertThat(notice.subject()).isEqualTo(port);
      assertThat(notice.carrier()).isEqualTo(CM);
      assertThat(notice.createdAt()).isAfterOrEqualTo(before);
    });
    assertThat(cu).extracting(Notice::kind)
        .containsExactly(Notice.Kind.PORT, Notice.Kind.DONOR_ANSWER_DEADLINE, Notice.Kind.QUERY);

    outbox.acknowledge(CU, List.of(cu.get(0).id(), cu.get(2).id()), Optional.of(Instant.now()));
    assertThat(outbox.read(CU, before, Optional.empty(), 100)).containsExactly(cu.get(1));
    assertThat(outbox.read(CU, before, Optional.of(cu.get(0).id()), 100)).containsExactly(cu.get(1));
  }

  @Test
  void acknowledgedRowsDoNotHideTheRestOfAPage() {
    CarrierId carrier = new CarrierId("CT");
    CassandraOutbox outbox = new CassandraOutbox(first.session(), Clock.systemUTC());
    Instant before = Instant.now().minusMillis(1);
    IntStream.range(0, 30).forEach(i ->
        outbox.enqueue(Notice.Kind.PORT, UUID.randomUUID(), "+8613800138003", Optional.empty(), List.of(carrier)));
    List<Notice> all = outbox.read(carrier, before, Optional.empty(), 100);
    assertThat(all).hasSize(30);
    outbox.acknowledge(carrier, all.subList(0, 20).stream().map(Notice::id).toList(), Optional.empty());

    assertThat(outbox.read(carrier, before, Optional.empty(), 5)).containsExactlyElementsOf(all.subList(20, 25));
  }

  @Test
  void aFeedOnOneSessionGetsWhatAnotherSessionWroteAndKeepsItsWatermark() {
    CarrierId carrier = new CarrierId("CBN");
    CassandraOutbox writer = new CassandraOutbox(second.session(), Clock.systemUTC());
    CassandraOutbox reader = new CassandraOutbox(first.session(), Clock.systemUTC());
    NoticeFeed feed = NoticeFeed.open(reader, carrier, Clock.systemUTC());
    assertThat(feed.poll(100)).isEmpty();

    List<UUID> subjects = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      subjects.add(UUID.randomUUID());
      writer.enqueue(Notice.Kind.PORT, subjects.get(i), "+8613800138004", Optional.empty(), List.of(carrier));
    }
    List<Notice> handedOut = feed.poll(100);
    assertThat(handedOut).extracting(Notice::subject).containsExactlyElementsOf(subjects);

    feed.acknowledge(List.of(handedOut.get(0).id(), handedOut.get(2).id()));
    Instant watermark = feed.watermark();
    assertThat(watermark).isBeforeOrEqualTo(handedOut.get(1).createdAt());
    writer.saveWatermark(carrier, watermark);
    assertThat(reader.watermark(carrier)).contains(watermark.truncatedTo(ChronoUnit.MILLIS)); // timestamps keep ms

    NoticeFeed elsewhere = NoticeFeed.open(writer, carrier, Clock.systemUTC());
    assertThat(elsewhere.poll(100)).containsExactly(handedOut.get(1));
  }

  @Test
  void theEarliestPushAndAcknowledgementOfANoticeAreKeptWhicheverIsWrittenLast() {
    CarrierId carrier = new CarrierId("CM");
    CassandraOutbox one = new CassandraOutbox(first.session(), Clock.systemUTC());
    CassandraOutbox other = new CassandraOutbox(second.session(), Clock.systemUTC());
    Instant before = Instant.now().minusMillis(1);
    one.enqueue(Notice.Kind.PORT, UUID.randomUUID(), "+8613800138005", Optional.empty(), List.of(carrier));
    UUID id = one.read(carrier, before, Optional.empty(), 10).get(0).id();
    Instant t = Instant.parse("2026-12-02T10:00:00.250Z");
    assertThat(one.delivery(carrier, id)).contains(new Outbox.Delivery(Optional.empty(), Optional.empty()));

    other.pushed(carrier, List.of(id), t.plusSeconds(60)); // a redelivery on another instance, written first
    one.pushed(carrier, List.of(id), t);
    other.pushed(carrier, List.of(id), t.plusSeconds(120));
    one.acknowledge(carrier, List.of(id), Optional.of(t.plusSeconds(5)));
    other.acknowledge(carrier, List.of(id), Optional.of(t.plusSeconds(65)));

    assertThat(other.delivery(carrier, id)).contains(new Outbox.Delivery(Optional.of(t), Optional.of(t.plusSeconds(5))));
    assertThat(one.read(carrier, before, Optional.empty(), 10)).extracting(Notice::id).doesNotContain(id);
    assertThat(one.delivery(carrier, Uuids.timeBased())).isEmpty();
  }
}
