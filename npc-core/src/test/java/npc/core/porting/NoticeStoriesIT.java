package npc.core.porting;

import static npc.core.porting.CoreFixture.CM;
import static npc.core.porting.CoreFixture.CU;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import npc.core.carrier.CarrierId;
import npc.core.notice.Notice;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Which notices each step of a story puts in which carrier's outbox, written before the step's own write. */
class NoticeStoriesIT {
  private static CoreFixture core;

  @BeforeAll
  static void start() {
    core = new CoreFixture("notices", "cn", "139", true);
  }

  @AfterAll
  static void stop() {
    core.close();
  }

  @Test
  void theDonorHearsOfTheOpenedPortAndBothPartiesOfEveryStepAfter() {
    Instant from = Instant.now().minusMillis(1);
    String number = core.freshNumber();
    Port completed = core.complete(CM, CU, number);

    List<Notice> donor = about(completed.id(), notices(CM, from));
    List<Notice> recipient = about(completed.id(), notices(CU, from));
    // open, accept, schedule, activate, complete: the recipient is not told of its own request
    assertThat(donor).hasSize(5).allSatisfy(n -> assertThat(n.kind()).isEqualTo(Notice.Kind.PORT));
    assertThat(recipient).hasSize(4).allSatisfy(n -> assertThat(n.kind()).isEqualTo(Notice.Kind.PORT));
    assertThat(notices(new CarrierId("CT"), from)).extracting(Notice::subject).doesNotContain(completed.id());
  }

  @Test
  void donorSilenceIsADeadlineNoticeForBothParties() {
    Instant from = Instant.now().minusMillis(1);
    Port opened = core.open(CM, CU, core.freshNumber());
    core.clock.set(opened.donorDeadline());
    core.service.fireDueDeadlines();

    for (CarrierId party : List.of(CM, CU)) {
      assertThat(about(opened.id(), notices(party, from))).extracting(Notice::kind)
          .contains(Notice.Kind.DONOR_ANSWER_DEADLINE);
    }
  }

  @Test
  void anEligibilityQueryGoesToTheDonorAndItsAnswerToTheAsker() {
    Instant from = Instant.now().minusMillis(1);
    EligibilityQuery query = core.query(CU, core.freshNumber(), SubscriberType.INDIVIDUAL).value();
    assertThat(about(query.id(), notices(CM, from))).extracting(Notice::kind).containsExactly(Notice.Kind.QUERY);
    assertThat(about(query.id(), notices(CU, from))).isEmpty();

    core.service.answerEligibility(CM, query.id(), Map.of(), List.of()).value();

    assertThat(about(query.id(), notices(CU, from))).extracting(Notice::kind).containsExactly(Notice.Kind.QUERY);
    assertThat(about(query.id(), notices(CM, from))).hasSize(1);
  }

  @Test
  void anExpiredQueryIsAResultForTheAskerAndATimerForBoth() {
    Instant from = Instant.now().minusMillis(1);
    EligibilityQuery query = core.query(CU, core.freshNumber(), SubscriberType.INDIVIDUAL).value();
    core.clock.set(query.deadline());
    core.service.fireDueDeadlines();

    assertThat(about(query.id(), notices(CU, from))).extracting(Notice::kind)
        .containsExactlyInAnyOrder(Notice.Kind.QUERY, Notice.Kind.ELIGIBILITY_EXPIRED);
    assertThat(about(query.id(), notices(CM, from))).extracting(Notice::kind)
        .as("the query itself, then its expiry").containsExactlyInAnyOrder(Notice.Kind.QUERY,
            Notice.Kind.ELIGIBILITY_EXPIRED);
  }

  @Test
  void aRefusedRequestPutsNothingInAnyOutbox() {
    Instant from = Instant.now().minusMillis(1);
    Port opened = core.open(CM, CU, core.freshNumber());
    int before = notices(CM, from).size() + notices(CU, from).size();

    Result<Port> refused = core.service.answer(new DonorAnswer.Reject(CM, opened.id(), "NOT_A_REASON", Map.of(),
        List.of()));

    assertThat(refused).isInstanceOf(Refused.class);
    assertThat(notices(CM, from).size() + notices(CU, from).size()).isEqualTo(before);
  }

  private static List<Notice> notices(CarrierId carrier, Instant from) {
    return core.outbox.read(carrier, from.minus(Duration.ofSeconds(1)), Optional.empty(), 1_000);
  }

  private static List<Notice> about(UUID subject, List<Notice> notices) {
    return notices.stream().filter(n -> n.subject().equals(subject)).toList();
  }
}
