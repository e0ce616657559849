package npc.gateway.server.handler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.google.protobuf.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import npc.core.carrier.CarrierId;
import npc.core.regime.ActivationPolicy;
import npc.core.regime.Regime;
import npc.core.regime.RegimeLoader;
import npc.gateway.protocol.v1.ActivationKind;
import npc.gateway.protocol.v1.Envelope;
import npc.gateway.protocol.v1.EvidenceField;
import npc.gateway.protocol.v1.EvidenceFormat;
import npc.gateway.protocol.v1.Header;
import npc.gateway.protocol.v1.RegimeInfo;
import npc.gateway.protocol.v1.RegimeRequest;
import npc.gateway.protocol.v1.RejectionReason;
import npc.gateway.server.session.Session;
import org.junit.jupiter.api.Test;

/** RegimeRequest: the regime the service runs, every rule of it, as the protocol carries it. */
class RegimeHandlerTest {
  private static final Session SESSION = new Session(new CarrierId("CU"), 1);
  private static final Regime CN = RegimeLoader.builtIn("cn");

  private static RegimeInfo answer(Regime regime) {
    RegimeHandler handler = new RegimeHandler(regime);
    assertThat(handler.blocks()).as("memory only: answered on the event loop").isFalse();
    return handler.handle(SESSION, Envelope.newBuilder().setHeader(Header.newBuilder().setCorrelationId("r-1"))
        .setRegimeRequest(RegimeRequest.getDefaultInstance()).build()).getRegimeInfo();
  }

  @Test
  void theChineseRegimeIsAnsweredWithItsIdNameZoneAndEveryTimer() {
    RegimeInfo info = answer(CN);

    assertThat(info.getRegimeId()).isEqualTo("cn");
    assertThat(info.getName()).isEqualTo(CN.name());
    assertThat(info.getZone()).isEqualTo("Asia/Shanghai");
    assertThat(info.getEligibilityAnswerDeadline()).isEqualTo(seconds(60));
    assertThat(info.getDonorAnswerDeadline()).isEqualTo(seconds(30 * 60));
    assertThat(info.getRoutingAckDeadline()).isEqualTo(seconds(15 * 60));
    assertThat(info.getLockPeriod()).isEqualTo(seconds(120 * 24 * 3600));
    assertThat(info.getCode().getLifetime()).isEqualTo(seconds(60 * 60));
  }

  @Test
  void theCodeRulesAreTheRegimes() {
    RegimeInfo info = answer(CN);

    assertThat(info.getCode().getAlphabet()).isEqualTo("0123456789");
    assertThat(info.getCode().getLength()).isEqualTo(6);
    assertThat(info.getCode().getOnlyWhenEligible()).isFalse();
    assertThat(info.getCode().getMaxMismatches()).isEqualTo(5);
    assertThat(answer(RegimeLoader.builtIn("in")).getCode().getOnlyWhenEligible()).isTrue();
  }

  @Test
  void aPortTakesEffectAtTheNextWholeHourInChina() {
    RegimeInfo info = answer(CN);

    assertThat(info.getActivation().getKind()).isEqualTo(ActivationKind.ACTIVATION_KIND_NEXT_BOUNDARY);
    assertThat(info.getActivation().getPeriod()).isEqualTo(seconds(3600));
    assertThat(info.getActivation().getTimeOfDay()).isEmpty();
  }

  @Test
  void aWorkingDayActivationCarriesItsTimeOfDayAndAnImmediateOneNothing() {
    RegimeInfo india = answer(RegimeLoader.builtIn("in"));
    assertThat(india.getActivation().getKind()).isEqualTo(ActivationKind.ACTIVATION_KIND_NEXT_WORKING_DAY);
    assertThat(india.getActivation().getTimeOfDay()).isEqualTo("02:00:00");
    assertThat(india.getActivation().hasPeriod()).isFalse();
    assertThat(india.getZone()).isEqualTo("Asia/Kolkata");

    RegimeInfo immediate = answer(with(new ActivationPolicy.Immediate()));
    assertThat(immediate.getActivation().getKind()).isEqualTo(ActivationKind.ACTIVATION_KIND_IMMEDIATE);
    assertThat(immediate.getActivation().hasPeriod()).isFalse();
    assertThat(immediate.getActivation().getTimeOfDay()).isEmpty();

    RegimeInfo late = answer(with(new ActivationPolicy.NextWorkingDay(LocalTime.of(21, 30, 15),
        ZoneId.of("Asia/Shanghai"))));
    assertThat(late.getActivation().getTimeOfDay()).isEqualTo("21:30:15");
  }

  @Test
  void theClosedListComesInTheRegimesOrderWithEveryFlagAndEvidenceField() {
    List<RejectionReason> reasons = answer(CN).getReasonsList();

    assertThat(reasons).extracting(RejectionReason::getCode).containsExactly("NOT_REAL_NAME", "ABNORMAL_STATUS",
        "UNPAID_CHARGES", "BINDING_TERM_ACTIVE", "LOCK_PERIOD", "NON_PORTABLE_RANGE");
    RejectionReason abnormal = reasons.get(1);
    assertThat(abnormal.getDescription()).isEqualTo("The number is reported lost or suspended");
    assertThat(abnormal.getIndividuals()).isTrue();
    assertThat(abnormal.getClearinghouseVerifies()).isFalse();
    assertThat(abnormal.getEvidenceList()).containsExactly(
        EvidenceField.newBuilder().setName("status").setFormat(EvidenceFormat.EVIDENCE_FORMAT_ONE_OF)
            .addAllowedValues("REPORTED_LOST").addAllowedValues("SUSPENDED").setShareable(true).build(),
        EvidenceField.newBuilder().setName("since").setFormat(EvidenceFormat.EVIDENCE_FORMAT_PAST_DATE).build());
    assertThat(reasons.get(2).getEvidenceList()).extracting(EvidenceField::getName, EvidenceField::getFormat)
        .containsExactly(tuple("amount_fen", EvidenceFormat.EVIDENCE_FORMAT_POSITIVE_AMOUNT),
            tuple("billing_period", EvidenceFormat.EVIDENCE_FORMAT_PAST_MONTH));
    assertThat(reasons.get(3).getEvidenceList()).extracting(EvidenceField::getFormat)
        .containsExactly(EvidenceFormat.EVIDENCE_FORMAT_TEXT, EvidenceFormat.EVIDENCE_FORMAT_FUTURE_DATE);
    RejectionReason lock = reasons.get(4);
    assertThat(lock.getClearinghouseVerifies()).isTrue();
    assertThat(lock.getEvidenceList()).isEmpty();
  }

  @Test
  void aReasonThatMayNotBeCitedAgainstAnIndividualSaysSo() {
    assertThat(answer(RegimeLoader.builtIn("in")).getReasonsList())
        .anyMatch(reason -> !reason.getIndividuals());
  }

  private static Regime with(ActivationPolicy activation) {
    return new Regime(CN.id(), CN.name(), CN.zone(), CN.numbers(), CN.carriers(), CN.eligibilityAnswer(), CN.code(),
        CN.donorAnswer(), activation, CN.routingAck(), CN.lockPeriod(), CN.reasons());
  }

  private static Duration seconds(long seconds) {
    return Duration.newBuilder().setSeconds(seconds).build();
  }
}
