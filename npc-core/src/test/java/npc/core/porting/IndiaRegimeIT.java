package npc.core.porting;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import npc.core.carrier.CarrierId;
import npc.core.port.PortState;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The same service with the {@code in} regime file: India's code, lock, activation and protection of individuals. */
class IndiaRegimeIT {
  private static final CarrierId AIRTEL = new CarrierId("AIRTEL");
  private static final CarrierId JIO = new CarrierId("JIO");
  private static final CarrierId VI = new CarrierId("VI");
  private static CoreFixture core;

  @BeforeAll
  static void start() {
    core = new CoreFixture("india", "in", "9810");
  }

  @AfterAll
  static void stop() {
    core.close();
  }

  @Test
  void theUniquePortingCodeHasEightCharactersAndLastsFourDays() {
    IssuedCode code = core.service.issueCode(AIRTEL, core.freshNumber(), CoreFixture.ALICE).value();
    assertThat(code.code()).matches("[ABCDEFGHJKLMNPQRSTUVWXYZ23456789]{8}");
    assertThat(code.expiresAt()).isEqualTo(core.clock.instant().plus(Duration.ofDays(4)));
  }

  @Test
  void aDonorCannotRejectAnIndividualsPortOnceAValidCodeExists() {
    Port port = core.open(AIRTEL, JIO, core.freshNumber());
    Result<Port> refused = core.service.answer(new DonorAnswer.Reject(AIRTEL, port.id(), "UNPAID_CHARGES",
        Map.of("amount_paise", "50000", "billing_period", "2026-10"), List.of()));
    assertThat(refused).isInstanceOfSatisfying(Refused.class,
        r -> assertThat(r.code()).isEqualTo(RefusalCode.REJECTION_NOT_ALLOWED_FOR_INDIVIDUAL));
    assertThat(core.service.port(JIO, port.id()).value().state()).isEqualTo(PortState.PENDING_DONOR);
  }

  @Test
  void aCorporatePortMayBeRejectedForAListedReasonWithEvidence() {
    String number = core.freshNumber();
    String code = core.codeFor(AIRTEL, number);
    SubmitPort corporate = new SubmitPort(JIO, "corp-" + number, number, "corp-order", "enterprise-desk",
        SubscriberType.CORPORATE, CoreFixture.ALICE, code);
    Port port = ((PortOutcome.Opened) core.service.submit(corporate).value()).port();
    Port rejected = core.service.answer(new DonorAnswer.Reject(AIRTEL, port.id(), "CORPORATE_AUTHORISATION_MISSING",
        Map.of("account_id", "ENT-4471"), List.of())).value();
    assertThat(rejected.state()).isEqualTo(PortState.REJECTED_BY_DONOR);
  }

  @Test
  void anEligibilityAnswerMayNotCiteAgainstAnIndividualAReasonTheRegimeKeepsForCorporates() {
    Map<String, Map<String, String>> unpaid = Map.of("UNPAID_CHARGES",
        Map.of("amount_paise", "50000", "billing_period", "2026-10"));
    EligibilityQuery individual = core.query(JIO, core.freshNumber(), SubscriberType.INDIVIDUAL).value();
    assertThat(core.service.answerEligibility(AIRTEL, individual.id(), unpaid, List.of()))
        .isInstanceOfSatisfying(Refused.class,
            r -> assertThat(r.code()).isEqualTo(RefusalCode.REJECTION_NOT_ALLOWED_FOR_INDIVIDUAL));
    assertThat(core.service.query(JIO, individual.id()).value().state()).isEqualTo(EligibilityQuery.State.PENDING);

    EligibilityQuery corporate = core.query(JIO, core.freshNumber(), SubscriberType.CORPORATE).value();
    assertThat(core.service.answerEligibility(AIRTEL, corporate.id(), unpaid, List.of()).value().eligible())
        .contains(false);
  }

  @Test
  void codesAreIssuedOnlyForEligibleNumbersAndTheLockIsNinetyDays() {
    String number = core.freshNumber();
    Port completed = core.complete(AIRTEL, JIO, number);
    assertThat(completed.state()).isEqualTo(PortState.COMPLETED);
    // Activation happened at 02:00 India time on a working day.
    assertThat(completed.activatedAt().orElseThrow().atZone(ZoneId.of("Asia/Kolkata")).getHour()).isEqualTo(2);

    Result<IssuedCode> locked = core.service.issueCode(JIO, number, CoreFixture.ALICE);
    assertThat(locked).isInstanceOfSatisfying(Refused.class,
        r -> assertThat(r.code()).isEqualTo(RefusalCode.NOT_ELIGIBLE));
    core.clock.advance(Duration.ofDays(90));
    assertThat(core.open(JIO, VI, number).state()).isEqualTo(PortState.PENDING_DONOR);
  }
}
