package npc.audit.findings;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import java.io.StringWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import npc.audit.chain.ChainAppender;
import npc.audit.chain.CheckpointPolicy;
import npc.audit.detect.DetectorSettings;
import npc.audit.detect.Detectors;
import npc.audit.detect.FindingsJson;
import npc.audit.detect.Rule;
import npc.audit.detect.VerifiedEntries;
import npc.audit.export.AuditExporter;
import npc.audit.record.AuditRecord;
import npc.audit.sign.AuditSigner;
import npc.audit.store.AuditSchema;
import npc.audit.store.CassandraAuditStore;
import npc.audit.store.CassandraFindingStore;
import npc.audit.testing.SampleExport;
import npc.core.storage.Database;
import npc.core.storage.testing.TestCassandra;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Rounds of the detectors over the stored record, on a real node: each round keeps in {@code audit_findings} exactly
 * what {@code ./npc audit findings} prints for an export of the same window; a finding appears at the first round
 * after the entry that completes its evidence, whichever chain it was appended to; it leaves the window's results
 * once its first entry slides out; and a new runner (a restart) rebuilds the same results from the store.
 */
class FindingsRunnerIT {
  private static final Instant T0 = Instant.parse("2026-12-01T09:00:00.000Z");
  private static final Duration WINDOW = Duration.ofHours(1);
  private static final Detectors DETECTORS = new Detectors(DetectorSettings.defaults());

  private Database database;
  private CassandraAuditStore record;
  private CassandraFindingStore findings;
  private final AuditSigner signer = SampleExport.signer();
  private final MovableClock clock = new MovableClock(T0);

  @BeforeEach
  void open() {
    database = Database.open(TestCassandra.freshKeyspaceSettings("findings"), List.of(AuditSchema.migrations()));
    record = new CassandraAuditStore(database.session());
    findings = new CassandraFindingStore(database.session());
  }

  @AfterEach
  void close() {
    database.close();
  }

  @Test
  void eachRoundKeepsWhatTheFindingsCommandPrintsForAnExportOfItsWindow() throws Exception {
    ChainAppender node1 = ChainAppender.open("node1", record, signer, clock, CheckpointPolicy.DEFAULT, 16);
    ChainAppender node2 = ChainAppender.open("node2", record, signer, clock, CheckpointPolicy.DEFAULT, 16);
    FindingsRunner runner = new FindingsRunner(record, findings, DETECTORS, WINDOW, clock);
    refusal(node1, 0, T0.plusSeconds(1));
    refusal(node1, 1, T0.plusSeconds(2));
    for (int i = 0; i < 5; i++) {
      node2.append(AuditRecord.of(new UUID(2, i), T0.plusSeconds(10 + i), "PORT_OPENED").withActor("CM")
          .withSubject("port" + i, "1390000000" + i).withEvidence(Map.of("donor", "CU", "recipient", "CM",
              "channel", "shop1", "subscriberType", "PERSONAL"))).get();
    }

    clock.set(T0.plus(Duration.ofMinutes(10)));
    FindingsRunner.Round first = runner.run();
    assertThat(first.detection().findings(Rule.OFF_LIST_REASON)).as("two refusals are below the threshold")
        .isEmpty();
    assertKeptAsTheExportFindsThem(first);

    refusal(node2, 2, T0.plus(Duration.ofMinutes(15)));
    clock.set(T0.plus(Duration.ofMinutes(20)));
    FindingsRunner.Round second = runner.run();
    assertThat(second.detection().findings(Rule.OFF_LIST_REASON)).as("the third refusal, on the other chain")
        .singleElement().satisfies(f -> assertThat(f.carrier()).isEqualTo("CUCC"));
    assertKeptAsTheExportFindsThem(second);

    FindingsRunner restarted = new FindingsRunner(record, findings, DETECTORS, WINDOW, clock);
    assertThat(FindingsJson.lines(restarted.run().detection()))
        .isEqualTo(FindingsJson.lines(second.detection()));

    clock.set(T0.plus(WINDOW).plusMillis(1_500));
    FindingsRunner.Round third = runner.run();
    assertThat(third.detection().findings(Rule.OFF_LIST_REASON)).as("the first refusal left the window").isEmpty();
    assertThat(third.entries()).isEqualTo(second.entries() - 1);
    assertKeptAsTheExportFindsThem(third);
    assertThat(findings.find("CUCC", Optional.of("OFF_LIST_REASON"), T0, T0.plus(Duration.ofMinutes(21))))
        .as("the finding stays kept for the window in which it held").hasSize(1);
    assertThat(findings.find("CUCC", Optional.of("OFF_LIST_REASON"), third.to(), third.to().plusSeconds(1)))
        .isEmpty();
    node1.close();
    node2.close();
  }

  private static void refusal(ChainAppender chain, int i, Instant at) throws Exception {
    chain.append(AuditRecord.of(new UUID(1, i), at, "REFUSED_OFF_LIST_REASON").withActor("CUCC")
        .withSubject("p" + i, "1380000000" + i)
        .withReason("FAMILY_PLAN", Map.of("refusal", "REASON_NOT_ON_LIST"))).get();
  }

  /** The round's kept rows, and its results, are what the findings command prints for an export of its window. */
  private void assertKeptAsTheExportFindsThem(FindingsRunner.Round round) throws java.io.IOException {
    StringWriter export = new StringWriter();
    AuditExporter.export(record, export, signer, round.from(), round.to(), round.to());
    VerifiedEntries read = VerifiedEntries.read(new StringReader(export.toString()), signer.publicKey());
    assertThat(read.result().ok()).isTrue();
    List<String> offline = FindingsJson.lines(DETECTORS.run(read.entries(), round.from(), round.to()));

    assertThat(read.entries()).hasSize(round.entries());
    assertThat(FindingsJson.lines(round.detection())).isEqualTo(offline);
    List<String> kept = new java.util.ArrayList<>();
    for (String carrier : List.of("CUCC", "CM", "CU")) {
      findings.find(carrier, Optional.empty(), round.from(), round.to()).stream()
          .filter(k -> k.computedAt().equals(round.to())).forEach(k -> kept.add(k.line()));
    }
    assertThat(kept).containsExactlyInAnyOrderElementsOf(offline);
  }

  /** A clock the test moves: the rounds' "now". */
  private static final class MovableClock extends Clock {
    private volatile Instant now;

    MovableClock(Instant now) {
      this.now = now;
    }

    void set(Instant instant) {
      now = instant;
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }
}
