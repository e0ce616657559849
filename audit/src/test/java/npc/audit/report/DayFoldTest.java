package npc.audit.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletionStage;
import npc.audit.chain.AuditStore;
import npc.audit.chain.Chain;
import npc.audit.detect.AuditHistory;
import npc.audit.detect.Detection;
import npc.audit.detect.DetectorSettings;
import npc.audit.detect.Detectors;
import npc.audit.detect.FindingsJson;
import npc.audit.record.AuditEntry;
import npc.audit.record.AuditRecord;
import npc.audit.record.ChainHead;
import npc.audit.record.Checkpoint;
import npc.audit.record.HeadsCheckpoint;
import npc.core.audit.AuditKind;
import org.junit.jupiter.api.Test;

/**
 * The fold of entries into daily figures: what one entry adds, days merging, a re-fold writing what was written, and
 * the key one: over a sample record of two chains and many days, the report from the kept figures of a period equals
 * the report {@link ReportBuilder} makes from the entries, figure by figure, for every carrier.
 */
class DayFoldTest {
  private static final Instant T0 = Instant.parse("2026-07-01T00:00:00Z");
  private static final List<String> CARRIERS = List.of("CM", "CU", "CT");

  private final Chain a = new Chain("fold-a");
  private final Chain b = new Chain("fold-b");
  private final List<AuditEntry> entries = new ArrayList<>();
  private long steps;

  @Test
  void anAnswerCountsForItsActorAndItsPartiesWithItsTimeFromTheOpening() {
    DayFold fold = new DayFold();
    Instant opened = T0.plusSeconds(3600);
    LocalDate day = fold.add(a.append(record(AuditKind.PORT_REJECTED_BY_DONOR, opened.plusSeconds(90)).withActor("CM")
        .withSubject("p1", "13800000001").withReason("UNPAID_CHARGES", facts("donor", "CM", "recipient", "CU",
            "openedAt", opened.toString()))));

    assertThat(day).isEqualTo(LocalDate.of(2026, 7, 1));
    DailyFigures cm = fold.day(day).get("CM");
    assertThat(cm.outcomes()).isEqualTo(Map.of("PORT_REJECTED_BY_DONOR", 1L));
    assertThat(cm.reasons()).isEqualTo(Map.of("UNPAID_CHARGES", 1L));
    assertThat(cm.portAnswers().percentiles()).isEqualTo(new Percentiles(1, 90_000, 90_000, 90_000, 90_000));
    assertThat(cm.count(DailyFigures.ENDED)).isEqualTo(1);
    DailyFigures cu = fold.day(day).get("CU");
    assertThat(cu.outcomes()).isEqualTo(Map.of("PORT_REJECTED_BY_DONOR", 1L));
    assertThat(cu.reasons()).as("the recipient did not reject").isEmpty();
    assertThat(cu.portAnswers().count()).isZero();
    assertThat(fold.day(day.plusDays(1))).isEmpty();
  }

  @Test
  void daysMergeIntoTheSumOfTheirFigures() {
    DayFold fold = new DayFold();
    for (int d = 0; d < 3; d++) {
      Instant opened = T0.plus(Duration.ofDays(d));
      fold.add(a.append(record(AuditKind.PORT_ACCEPTED, opened.plusMillis(1000 * (d + 1))).withActor("CM")
          .withSubject("p" + d, "1380000000" + d)
          .withEvidence(facts("donor", "CM", "recipient", "CT", "openedAt", opened.toString()))));
    }
    DailyFigures total = new DailyFigures();
    for (int d = 0; d < 3; d++) {
      total.add(fold.day(LocalDate.of(2026, 7, 1 + d)).get("CM"));
    }
    assertThat(total.outcomes()).isEqualTo(Map.of("PORT_ACCEPTED", 3L));
    assertThat(total.portAnswers().percentiles()).isEqualTo(new Percentiles(3, 2000, 3000, 3000, 3000));
  }

  @Test
  void aRefoldFromTheFirstPositionWritesTheSameFiguresAndALaggingWriterNeverRegressesARow() {
    sample(new Random(1), 300);
    MemoryRecord record = new MemoryRecord(entries);
    MemoryDays kept = new MemoryDays();
    FiguresRound first = new FiguresRound(record, kept);
    assertThat(first.run()).isEqualTo(entries.size());
    assertThat(first.run()).as("nothing new: nothing read").isZero();
    Map<String, MemoryDays.Row> before = new TreeMap<>(kept.rows);

    MemoryDays again = new MemoryDays();
    new FiguresRound(record, again).run();
    assertThat(again.rows.keySet()).isEqualTo(before.keySet());
    again.rows.forEach((key, row) -> {
      assertThat(row.covered()).isEqualTo(before.get(key).covered());
      assertThat(row.figures().sameAs(before.get(key).figures())).as(key).isTrue();
    });

    MemoryRecord shorter = new MemoryRecord(entries.subList(0, entries.size() / 2));
    new FiguresRound(shorter, kept).run();
    kept.rows.forEach((key, row) -> assertThat(row.figures().sameAs(before.get(key).figures()))
        .as("a writer that read less loses: " + key).isTrue());
  }

  @Test
  void theReportFromTheKeptFiguresOfAPeriodEqualsTheReportFromItsEntries() {
    sample(new Random(7), 2_000);
    MemoryDays kept = new MemoryDays();
    new FiguresRound(new MemoryRecord(entries), kept).run();
    Instant from = T0.plus(Duration.ofDays(3));
    Instant to = T0.plus(Duration.ofDays(40));
    AuditHistory history = new AuditHistory(entries, from, to);
    Detection detection = new Detectors(DetectorSettings.defaults()).run(history);
    List<LocalDate> days = DayFold.day(from).datesUntil(DayFold.day(to)).toList();

    for (String carrier : CARRIERS) {
      CarrierReport expected = new ReportBuilder(history).build(carrier, detection, CompensationRate.forRegime("pt"));
      DailyFigures total = new DailyFigures();
      kept.read(carrier, days).forEach(total::add);
      Detection stored = FindingsJson.read(FindingsJson.lines(detection));
      CarrierReport actual = ReportBuilder.fromFigures(carrier, from, to, total, stored,
          CompensationRate.forRegime("pt"));

      assertThat(actual.outcomes()).as(carrier).isEqualTo(expected.outcomes());
      assertThat(actual.rejectionReasons()).as(carrier).isEqualTo(expected.rejectionReasons());
      assertThat(actual.deemedAcceptances()).as(carrier).isEqualTo(expected.deemedAcceptances());
      assertThat(actual.deadlineBreaches()).as(carrier).isEqualTo(expected.deadlineBreaches());
      assertThat(actual.portsEnded()).as(carrier).isEqualTo(expected.portsEnded());
      assertThat(actual.portsCompleted()).as(carrier).isEqualTo(expected.portsCompleted());
      assertThat(actual.delayDays()).as(carrier).isEqualTo(expected.delayDays());
      assertThat(actual.compensationOwed()).as(carrier).isEqualTo(expected.compensationOwed());
      assertWithinBound(carrier, actual.portAnswers(), expected.portAnswers());
      assertWithinBound(carrier, actual.queryAnswers(), expected.queryAnswers());
      assertThat(ReportFormats.json(actual)).as("findings kept as lines read back as found")
          .contains(ReportFormats.json(expected).substring(ReportFormats.json(expected).indexOf("\"results\"")));
    }
    CarrierReport cm = ReportBuilder.fromFigures("CM", from, to, sum("CM", kept, days), detection, Optional.empty());
    assertThat(cm.outcomes().values().stream().mapToLong(Long::longValue).sum()).as("the sample is not empty")
        .isGreaterThan(500);
    assertThat(cm.portAnswers().count()).isGreaterThan(50);
    assertThat(cm.queryAnswers().count()).isGreaterThan(50);
    assertThat(cm.deadlineBreaches().values()).allMatch(n -> n > 0);
    assertThat(cm.deemedAcceptances()).isPositive();
    assertThat(cm.delayDays()).isPositive();
  }

  /** Count and maximum exact; a percentile never below the exact one and within 0.1% (1 ms) above it. */
  private static void assertWithinBound(String carrier, Percentiles actual, Percentiles exact) {
    assertThat(actual.count()).as(carrier).isEqualTo(exact.count());
    assertThat(actual.max()).as(carrier).isEqualTo(exact.max());
    long[][] pairs = {{actual.p50(), exact.p50()}, {actual.p90(), exact.p90()}, {actual.p99(), exact.p99()}};
    for (long[] p : pairs) {
      assertThat(p[0]).as(carrier).isBetween(p[1], p[1] + Math.max(1, p[1] / 1000));
    }
  }

  private static DailyFigures sum(String carrier, MemoryDays kept, List<LocalDate> days) {
    DailyFigures total = new DailyFigures();
    kept.read(carrier, days).forEach(total::add);
    return total;
  }

  /**
   * {@code ports} ports and as many queries over 45 days, each step on one of two chains at random (a port's opening
   * and its answer are often on different chains), with every outcome the report counts: acceptances, rejections,
   * deemed acceptances, cancellations, completions with laggards, late and timely deactivations, expired queries,
   * refusals, a reversal by a regulator.
   */
  private void sample(Random random, int ports) {
    for (int i = 0; i < ports; i++) {
      String donor = CARRIERS.get(random.nextInt(3));
      String recipient = CARRIERS.get((CARRIERS.indexOf(donor) + 1 + random.nextInt(2)) % 3);
      String id = "p" + i;
      String number = String.format("139%08d", i);
      Instant opened = T0.plusMillis((long) (random.nextDouble() * 45 * 86_400_000L));
      Instant answered = opened.plusMillis(1 + random.nextInt(1_800_000));
      Map<String, String> parties = facts("donor", donor, "recipient", recipient);
      add(random, record(AuditKind.PORT_OPENED, opened).withActor(recipient).withSubject(id, number)
          .withEvidence(with(parties, "channel", "shop", "subscriberType", "INDIVIDUAL")));
      String q = "q" + i;
      add(random, record(AuditKind.QUERY_OPENED, opened.minusSeconds(60)).withActor(recipient).withSubject(q, number)
          .withEvidence(parties));
      if (random.nextInt(10) == 0) {
        add(random, record(AuditKind.QUERY_EXPIRED, opened).withSubject(q, number).withEvidence(parties));
      } else {
        add(random, record(AuditKind.QUERY_ANSWERED, opened.minusSeconds(60).plusMillis(random.nextInt(50_000)))
            .withActor(donor).withSubject(q, number).withEvidence(with(parties, "eligible", "true", "reasons", "",
                "openedAt", opened.minusSeconds(60).toString())));
      }
      int outcome = random.nextInt(10);
      if (outcome == 0) {
        add(random, record(AuditKind.PORT_REJECTED_BY_DONOR, answered).withActor(donor).withSubject(id, number)
            .withReason(random.nextBoolean() ? "UNPAID_CHARGES" : "BINDING_TERM_ACTIVE",
                with(parties, "openedAt", opened.toString())));
        continue;
      }
      if (outcome == 1) {
        add(random, record(AuditKind.PORT_CANCELLED, answered).withActor(recipient).withSubject(id, number)
            .withEvidence(parties));
        continue;
      }
      if (outcome == 2) {
        add(random, record(AuditKind.PORT_DEEMED_ACCEPTED, opened.plus(Duration.ofMinutes(30))).withSubject(id, number)
            .withEvidence(parties));
      } else {
        add(random, record(AuditKind.PORT_ACCEPTED, answered).withActor(donor).withSubject(id, number)
            .withEvidence(with(parties, "openedAt", opened.toString())));
      }
      Instant activated = answered.plus(Duration.ofHours(1 + random.nextInt(48)));
      Instant due = activated.plus(Duration.ofMinutes(15));
      add(random, record(AuditKind.PORT_ACTIVATED, activated).withSubject(id, number).withDeadline(due)
          .withEvidence(with(parties, "deactivateBy", due.toString(), "carriers", "CM,CT,CU")));
      Instant confirmed = random.nextInt(5) == 0 ? due.plusMillis(random.nextInt(4 * 86_400_000))
          : due.minusSeconds(random.nextInt(600));
      add(random, record(AuditKind.DEACTIVATION_CONFIRMED, confirmed).withActor(donor).withSubject(id, number)
          .withDeadline(due).withEvidence(parties));
      if (random.nextInt(6) == 0) {
        String third = CARRIERS.get(3 - CARRIERS.indexOf(donor) - CARRIERS.indexOf(recipient));
        add(random, record(AuditKind.PORT_COMPLETED_WITH_LAGGARDS, due).withSubject(id, number).withDeadline(due)
            .withEvidence(with(parties, "laggards", third, "ackLaggards", third)));
      } else {
        add(random, record(AuditKind.ROUTING_ACKNOWLEDGED, activated.plusSeconds(5)).withActor("CT")
            .withSubject(id, number).withEvidence(parties));
        add(random, record(AuditKind.PORT_COMPLETED, due).withSubject(id, number).withEvidence(parties));
      }
      if (random.nextInt(50) == 0) {
        add(random, record(AuditKind.PORT_REVERSED, due.plus(Duration.ofDays(1))).withSubject(id, number)
            .withEvidence(with(parties, "reference", "r" + i)).withActor("REGULATOR:0a1b2c3d4e5f"));
      }
      if (random.nextInt(20) == 0) {
        add(random, record(AuditKind.REFUSED_OFF_LIST_REASON, answered.plusSeconds(1)).withActor(donor)
            .withSubject(id, number).withReason("FAMILY_PLAN", facts("refusal", "REASON_NOT_ON_LIST")));
      }
    }
  }

  private void add(Random random, AuditRecord record) {
    entries.add((random.nextBoolean() ? a : b).append(record));
  }

  private AuditRecord record(AuditKind kind, Instant at) {
    return AuditRecord.of(new UUID(0xf01d, ++steps), at, kind.name());
  }

  private static Map<String, String> facts(String... keyValues) {
    return with(Map.of(), keyValues);
  }

  private static Map<String, String> with(Map<String, String> base, String... keyValues) {
    Map<String, String> m = new TreeMap<>(base);
    for (int i = 0; i < keyValues.length; i += 2) {
      m.put(keyValues[i], keyValues[i + 1]);
    }
    return m;
  }

  /** The chains of {@code entries}, as a store gives them; only what {@link FiguresRound} reads. */
  private record MemoryRecord(List<AuditEntry> entries) implements AuditStore {
    @Override
    public List<ChainHead> latestCheckpoints() {
      Map<String, ChainHead> heads = new TreeMap<>();
      entries.forEach(e -> heads.put(e.chain(), new ChainHead(e.chain(), e.position(), e.hash())));
      return List.copyOf(heads.values());
    }

    @Override
    public Iterator<AuditEntry> entries(String chain, long fromPosition) {
      return entries.stream().filter(e -> e.chain().equals(chain) && e.position() >= fromPosition).iterator();
    }

    @Override
    public void openChain(String chain, String instance, Instant startedAt) {
      throw new UnsupportedOperationException();
    }

    @Override
    public CompletionStage<Void> insert(AuditEntry entry) {
      throw new UnsupportedOperationException();
    }

    @Override
    public CompletionStage<Void> insertNow(AuditEntry entry) {
      throw new UnsupportedOperationException();
    }

    @Override
    public CompletionStage<Void> insert(Checkpoint checkpoint) {
      throw new UnsupportedOperationException();
    }

    @Override
    public void insert(HeadsCheckpoint heads) {
      throw new UnsupportedOperationException();
    }

    @Override
    public List<Checkpoint> checkpoints(String chain) {
      throw new UnsupportedOperationException();
    }

    @Override
    public List<HeadsCheckpoint> heads(Instant from, Instant to) {
      throw new UnsupportedOperationException();
    }
  }

  /** Rows as Cassandra keeps them under the covered position as write timestamp: the write covering most wins. */
  private static final class MemoryDays implements DailyStore {
    record Row(long covered, DailyFigures figures) {}

    private final Map<String, Row> rows = new TreeMap<>();

    @Override
    public void write(String chain, LocalDate day, long covered, Map<String, DailyFigures> carriers) {
      carriers.forEach((carrier, figures) -> {
        DailyFigures copy = new DailyFigures();
        copy.add(figures);
        rows.merge(day + "/" + carrier + "/" + chain, new Row(covered, copy),
            (old, now) -> now.covered() >= old.covered() ? now : old);
      });
    }

    @Override
    public List<DailyFigures> read(String carrier, List<LocalDate> days) {
      List<DailyFigures> found = new ArrayList<>();
      for (LocalDate day : days) {
        rows.forEach((key, row) -> {
          if (key.startsWith(day + "/" + carrier + "/")) {
            found.add(row.figures());
          }
        });
      }
      return found;
    }
  }
}
