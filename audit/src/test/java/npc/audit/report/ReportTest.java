package npc.audit.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import npc.audit.chain.Chain;
import npc.audit.detect.AuditHistory;
import npc.audit.detect.Detection;
import npc.audit.detect.DetectorSettings;
import npc.audit.detect.Detectors;
import npc.audit.detect.Rule;
import npc.audit.record.AuditEntry;
import npc.core.audit.AuditKind;
import npc.audit.record.AuditRecord;
import org.junit.jupiter.api.Test;

/**
 * A report over a constructed period: donor CU answers three ports (10 min, 20 min and 5 min after they opened, one
 * a rejection for arrears), lets one reach its deadline, confirms one deactivation 2.5 days late and sends three
 * reasons off the closed list; recipient CM opened every port and caused no delay.
 */
class ReportTest {
  private static final Instant T0 = Instant.parse("2026-10-01T00:00:00Z");
  private static final Instant END = T0.plus(Duration.ofDays(30));
  private static final CompensationRate ANACOM = CompensationRate.forRegime("pt").orElseThrow();

  private final Chain chain = new Chain("report");
  private final List<AuditEntry> entries = new ArrayList<>();
  private long steps;

  @Test
  void aDonorsReportCountsItsAnswersBreachesFindingsAndTheCompensationItsDelayOwes() {
    CarrierReport cu = report("CU", Optional.of(ANACOM));

    assertThat(cu.outcomes()).containsEntry("PORT_ACCEPTED", 2L).containsEntry("PORT_REJECTED_BY_DONOR", 1L)
        .containsEntry("PORT_DEEMED_ACCEPTED", 1L).containsEntry("PORT_OPENED", 4L)
        .containsEntry("REFUSED_OFF_LIST_REASON", 3L);
    assertThat(cu.rejectionReasons()).isEqualTo(Map.of("UNPAID_CHARGES", 1L));
    assertThat(cu.portAnswers()).isEqualTo(new Percentiles(3, 600_000, 1_200_000, 1_200_000, 1_200_000));
    assertThat(cu.deemedAcceptances()).isEqualTo(1);
    assertThat(cu.deadlineBreaches()).containsEntry("LATE_DEACTIVATION", 1L).containsEntry("QUERY_EXPIRED", 0L);
    assertThat(cu.portsEnded()).isEqualTo(3);
    assertThat(cu.portsCompleted()).isEqualTo(2);
    assertThat(cu.successRate().getAsDouble()).isEqualTo(2.0 / 3);
    assertThat(cu.findings()).extracting(f -> f.rule()).containsExactly(Rule.OFF_LIST_REASON);
    assertThat(cu.delayDays()).as("2.5 days late: three started days").isEqualTo(3);
    assertThat(cu.compensationOwed()).contains(750L);
  }

  @Test
  void theRecipientIsNotChargedForTheDonorsDelayNorFoundForTheDonorsRefusals() {
    CarrierReport cm = report("CM", Optional.of(ANACOM));

    assertThat(cm.outcomes()).as("a refusal of the donor's answer is the donor's conduct alone")
        .containsEntry("PORT_OPENED", 4L).doesNotContainKey("REFUSED_OFF_LIST_REASON");
    assertThat(cm.rejectionReasons()).isEmpty();
    assertThat(cm.portAnswers().count()).isZero();
    assertThat(cm.findings()).isEmpty();
    assertThat(cm.delayDays()).isZero();
    assertThat(cm.compensationOwed()).contains(0L);
  }

  @Test
  void aRegimeWithoutARateReportsTheDelayAndNoAmount() {
    assertThat(CompensationRate.forRegime("cn")).isEmpty();
    assertThat(CompensationRate.forRegime("in")).isEmpty();
    CarrierReport cu = report("CU", CompensationRate.forRegime("cn"));

    assertThat(cu.delayDays()).isEqualTo(3);
    assertThat(cu.compensationOwed()).isEmpty();
    assertThat(ReportFormats.json(cu)).contains("\"compensation\":{\"delayDays\":3,\"perDay\":null,\"owed\":null}");
    assertThat(ReportFormats.csv(cu)).contains("compensation,delay-days,3\n", "compensation,owed,\n");
  }

  @Test
  void jsonAndCsvCarryTheSameFigures() {
    CarrierReport cu = report("CU", Optional.of(ANACOM));

    String json = ReportFormats.json(cu);
    assertThat(json).startsWith("{\"carrier\":\"CU\",\"from\":\"2026-10-01T00:00:00Z\"")
        .contains("\"portAnswerMillis\":{\"count\":3,\"p50\":600000,\"p90\":1200000,\"p99\":1200000,\"max\":1200000}",
            "\"successRate\":0.6666666666666666", "\"results\":[{\"type\":\"finding\",\"carrier\":\"CU\","
                + "\"rule\":\"OFF_LIST_REASON\"", "\"owed\":750");
    assertThat(ReportFormats.csv(cu)).startsWith("section,name,value\nreport,carrier,CU\n")
        .contains("rejection-reason,UNPAID_CHARGES,1\n", "port-answer-millis,p50,600000\n",
            "ports,success-rate,0.6667\n", "finding,OFF_LIST_REASON,LOW\n", "compensation,per-day,250 EUR\n",
            "compensation,owed,750\n");
  }

  @Test
  void percentilesAreNearestRankAndAnEmptySampleSaysSo() {
    List<Long> hundred = new ArrayList<>();
    for (long i = 1; i <= 100; i++) {
      hundred.add(i);
    }
    assertThat(Percentiles.of(hundred)).isEqualTo(new Percentiles(100, 50, 90, 99, 100));
    assertThat(Percentiles.of(List.of())).isEqualTo(new Percentiles(0, 0, 0, 0, 0));
  }

  private CarrierReport report(String carrier, Optional<CompensationRate> rate) {
    entries.clear();
    Instant t = T0.plus(Duration.ofDays(1));
    for (int i = 0; i < 4; i++) {
      add(record(AuditKind.PORT_OPENED, t.plusSeconds(i)).withActor("CM").withSubject("port" + i, "1380000000" + i)
          .withEvidence(facts("donor", "CU", "recipient", "CM", "channel", "shop", "subscriberType", "INDIVIDUAL")));
    }
    add(record(AuditKind.PORT_ACCEPTED, t.plus(Duration.ofMinutes(10))).withActor("CU").withSubject("port0",
        "13800000000"));
    add(record(AuditKind.PORT_ACCEPTED, t.plusSeconds(1).plus(Duration.ofMinutes(20))).withActor("CU")
        .withSubject("port1", "13800000001"));
    add(record(AuditKind.PORT_REJECTED_BY_DONOR, t.plusSeconds(2).plus(Duration.ofMinutes(5))).withActor("CU")
        .withSubject("port2", "13800000002").withReason("UNPAID_CHARGES", facts("amount_fen", "100",
            "billing_period", "2026-09")));
    add(record(AuditKind.PORT_DEEMED_ACCEPTED, t.plus(Duration.ofHours(1))).withSubject("port3", "13800000003")
        .withEvidence(facts("donor", "CU", "toldAt", t.toString())));
    Instant activated = t.plus(Duration.ofDays(2));
    Instant deactivateBy = activated.plus(Duration.ofHours(2));
    add(record(AuditKind.PORT_ACTIVATED, activated).withSubject("port0", "13800000000")
        .withEvidence(facts("donor", "CU", "deactivateBy", deactivateBy.toString(), "carriers", "CU,CM")));
    add(record(AuditKind.DEACTIVATION_CONFIRMED, deactivateBy.plus(Duration.ofHours(60))).withActor("CU")
        .withDeadline(deactivateBy)
        .withSubject("port0", "13800000000"));
    add(record(AuditKind.PORT_COMPLETED, activated.plus(Duration.ofHours(3))).withSubject("port0", "13800000000"));
    add(record(AuditKind.PORT_COMPLETED, activated.plus(Duration.ofHours(4))).withSubject("port1", "13800000001"));
    for (int i = 0; i < 3; i++) {
      add(record(AuditKind.REFUSED_OFF_LIST_REASON, t.plus(Duration.ofDays(3)).plusSeconds(i)).withActor("CU")
          .withSubject("port" + i, "1380000000" + i).withReason("FAMILY_PLAN",
              facts("refusal", "REASON_NOT_ON_LIST")));
    }
    AuditHistory history = new AuditHistory(entries, T0, END);
    Detection detection = new Detectors(DetectorSettings.defaults()).run(history);
    return new ReportBuilder(history).build(carrier, detection, rate);
  }

  private void add(AuditRecord record) {
    entries.add(chain.append(record));
  }

  private AuditRecord record(AuditKind kind, Instant at) {
    return AuditRecord.of(new UUID(0x4e90, ++steps), at, kind.name());
  }

  private static Map<String, String> facts(String... keyValues) {
    Map<String, String> m = new TreeMap<>();
    for (int i = 0; i < keyValues.length; i += 2) {
      m.put(keyValues[i], keyValues[i + 1]);
    }
    return m;
  }
}
