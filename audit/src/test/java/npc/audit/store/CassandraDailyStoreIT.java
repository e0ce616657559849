package npc.audit.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import npc.audit.chain.ChainAppender;
import npc.audit.chain.CheckpointPolicy;
import npc.audit.record.AuditRecord;
import npc.audit.report.AnswerTimes;
import npc.audit.report.DailyFigures;
import npc.audit.report.DayFold;
import npc.audit.report.FiguresRound;
import npc.audit.report.Percentiles;
import npc.audit.testing.SampleExport;
import npc.core.storage.Database;
import npc.core.storage.testing.TestCassandra;
import npc.core.storage.testing.Tombstones;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The daily figures on the test node: a row reads back as written, without a tombstone for what it lacks; of two
 * writes of a row the one covering the later chain position stays, whichever arrives last; and a figures round over
 * two stored chains keeps what their entries add up to.
 */
class CassandraDailyStoreIT {
  private static final LocalDate DAY = LocalDate.of(2026, 8, 3);
  private static final Instant T0 = DAY.atStartOfDay(ZoneOffset.UTC).toInstant();
  private static Database database;

  @BeforeAll
  static void open() {
    database = Database.open(TestCassandra.freshKeyspaceSettings("daily_figures"), List.of(AuditSchema.migrations()));
  }

  @AfterAll
  static void close() {
    database.close();
  }

  @Test
  void aRowReadsBackAsWrittenAndALaggingWriteNeverRegressesIt() {
    CassandraDailyStore store = new CassandraDailyStore(database.session());
    store.write("lag", DAY, 10, Map.of("CM", figures(3, 1200), "CU", figures(1, 0)));
    store.write("lag", DAY, 4, Map.of("CM", figures(1, 500), "CU", figures(0, 0)));

    List<DailyFigures> cm = store.read("CM", List.of(DAY, DAY.plusDays(1)));
    assertThat(cm).hasSize(1);
    assertThat(cm.get(0).sameAs(figures(3, 1200))).as("the write covering position 10 stays").isTrue();
    assertThat(cm.get(0).portAnswers().percentiles()).isEqualTo(new Percentiles(3, 1200, 1200, 1200, 1200));
    assertThat(store.read("CU", List.of(DAY)).get(0).sameAs(figures(1, 0))).isTrue();
    Tombstones.Counted read = Tombstones.read(database.session(),
        "SELECT * FROM audit_daily WHERE day = ? AND carrier = ?", DAY, "CU");
    assertThat(read.liveRows()).isEqualTo(1);
    assertThat(read.tombstoneCells()).as("no answer times, no reason: left unset").isZero();

    store.write("lag", DAY, 11, Map.of("CM", figures(4, 1300)));
    assertThat(store.read("CM", List.of(DAY)).get(0).sameAs(figures(4, 1300))).isTrue();
  }

  @Test
  void aRoundOverStoredChainsKeepsWhatTheirEntriesAddUpTo() {
    CassandraAuditStore record = new CassandraAuditStore(database.session());
    Instant opened = T0.plus(Duration.ofDays(10)).plusSeconds(3600);
    for (int c = 0; c < 2; c++) {
      ChainAppender chain = ChainAppender.open("round" + c, record, SampleExport.signer(),
          Clock.fixed(opened, ZoneOffset.UTC), new CheckpointPolicy(1_000, Duration.ofHours(1)), 4);
      for (int i = 0; i < 3; i++) {
        chain.append(AuditRecord.of(UUID.randomUUID(), opened.plusSeconds(60L * (i + 1)), "PORT_ACCEPTED")
            .withActor("CT").withSubject("r" + c + i, "1380000000" + i).withEvidence(Map.of("donor", "CT",
                "recipient", "CU", "openedAt", opened.toString()))).join();
      }
      chain.close();
    }
    CassandraDailyStore days = new CassandraDailyStore(database.session());
    FiguresRound round = new FiguresRound(record, days);
    assertThat(round.run()).isEqualTo(6);
    assertThat(round.run()).isZero();

    DailyFigures total = new DailyFigures();
    days.read("CT", List.of(DayFold.day(opened))).forEach(total::add);
    assertThat(total.outcomes()).isEqualTo(Map.of("PORT_ACCEPTED", 6L));
    Percentiles answers = total.portAnswers().percentiles();
    assertThat(answers.count()).isEqualTo(6);
    assertThat(answers.max()).isEqualTo(180_000);
    assertThat(answers.p50()).as("the bucket of 120,000 ms: within 0.1% above").isBetween(120_000L, 120_120L);
    assertThat(days.read("CU", List.of(DayFold.day(opened))).stream().mapToLong(f -> f.outcomes().get("PORT_ACCEPTED"))
        .sum()).isEqualTo(6);
  }

  private static DailyFigures figures(long answers, long millis) {
    AnswerTimes times = new AnswerTimes();
    for (int i = 0; i < answers; i++) {
      times.record(millis);
    }
    return DailyFigures.of(answers == 0 ? Map.of() : Map.of("PORT_ACCEPTED", answers), Map.of(),
        new long[] {answers, 0, 0, 0, 0, 0, 0}, times, new AnswerTimes());
  }
}
