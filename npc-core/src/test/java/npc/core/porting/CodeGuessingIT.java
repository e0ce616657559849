package npc.core.porting;

import static npc.core.porting.CoreFixture.CM;
import static npc.core.porting.CoreFixture.CT;
import static npc.core.porting.CoreFixture.CU;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.datastax.oss.driver.api.core.cql.Row;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import npc.core.carrier.CarrierId;
import npc.core.event.DomainEvent;
import npc.core.notice.Notice;
import npc.core.numbering.Msisdn;
import npc.core.storage.Database;
import npc.core.storage.testing.TestCassandra;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A recipient holding a subscriber's identity must not be able to try the code space within a code's lifetime:
 * after the regime's number of mismatches (5 in cn) the code is void, and a new one must be issued.
 */
class CodeGuessingIT {
  private static CoreFixture core;
  private static Database second;
  private static PortingService other;
  private static int max;

  @BeforeAll
  static void start() {
    core = new CoreFixture("guesses", "cn", "139", true);
    second = TestCassandra.anotherSession(core.database);
    other = core.anotherInstance(second);
    max = core.regime.code().maxMismatches();
  }

  @AfterAll
  static void stop() {
    second.close();
    core.close();
  }

  @Test
  void aCodeIsVoidAfterTheRegimesMismatchesTheServingCarrierIsToldAndANewOneMustBeIssued() {
    Instant from = Instant.now().minusMillis(1);
    String number = core.freshNumber();
    String code = core.codeFor(CM, number);
    for (int i = 1; i <= max; i++) {
      assertThat(rejection(core.service, core.submission(CU, "guess-" + number + "-" + i, number, wrong(code, i))))
          .as("guess %d", i).isEqualTo(RejectionCode.CODE_MISMATCH);
    }

    assertThat(mismatchesOf(number)).as("each counted once, against its recipient")
        .extracting(DomainEvent.CodeMismatch::recipient, DomainEvent.CodeMismatch::mismatch,
            DomainEvent.CodeMismatch::voided)
        .containsExactly(tuple(CU, 1, false), tuple(CU, 2, false), tuple(CU, 3, false), tuple(CU, 4, false),
            tuple(CU, 5, true));
    assertThat(core.events.of(DomainEvent.CodeVoided.class)).filteredOn(e -> e.msisdn().equals(msisdn(number)))
        .extracting(DomainEvent.CodeVoided::servingCarrier, DomainEvent.CodeVoided::recipient,
            DomainEvent.CodeVoided::mismatches)
        .containsExactly(tuple(CM, CU, max));
    assertThat(storedMismatches(CU, number)).as("rows of code_mismatches, for the audit")
        .containsExactlyInAnyOrder("1:false", "2:false", "3:false", "4:false", "5:true");
    assertThat(notices(CM, from, number)).as("the carrier serving the number is told")
        .containsExactly(Notice.Kind.CODE_VOIDED);
    assertThat(notices(CU, from, number)).isEmpty();
    assertThat(core.service.codeVoided(msisdn(number))).isTrue();

    assertThat(rejection(core.service, core.submission(CU, "right-" + number, number, code)))
        .as("the right code, once void").isEqualTo(RejectionCode.CODE_VOIDED);

    String fresh = core.codeFor(CM, number);
    assertThat(core.service.codeVoided(msisdn(number))).isFalse();
    assertThat(core.service.submit(core.submission(CU, "fresh-" + number, number, fresh)).value())
        .as("a new code").isInstanceOf(PortOutcome.Opened.class);
  }

  @Test
  void aRetryOfAMismatchGetsItsFirstAnswerAndCountsNoMore() {
    String number = core.freshNumber();
    String code = core.codeFor(CM, number);
    SubmitPort guess = core.submission(CU, "retried-guess-" + number, number, wrong(code, 1));
    PortOutcome first = core.service.submit(guess).value();
    for (int i = 0; i < 2 * max; i++) {
      assertThat((i % 2 == 0 ? core.service : other).submit(guess).value()).isEqualTo(first);
    }
    assertThat(core.events.of(DomainEvent.CodeMismatch.class)).filteredOn(e -> e.portId().equals(first.portId()))
        .as("retries are not mismatches").hasSize(1);
    for (int i = 2; i < max; i++) {
      assertThat(rejection(core.service, core.submission(CT, "guess-" + number + "-" + i, number, wrong(code, i))))
          .isEqualTo(RejectionCode.CODE_MISMATCH);
    }

    assertThat(core.service.submit(core.submission(CU, "right-" + number, number, code)).value())
        .as("%d mismatches of %d", max - 1, max).isInstanceOf(PortOutcome.Opened.class);
  }

  @Test
  void aNewCodeStartsItsCountAfresh() {
    String number = core.freshNumber();
    String code = core.codeFor(CM, number);
    for (int i = 1; i < max; i++) {
      rejection(core.service, core.submission(CU, "old-" + number + "-" + i, number, wrong(code, i)));
    }
    String fresh = core.codeFor(CM, number);
    for (int i = 1; i < max; i++) {
      assertThat(rejection(core.service, core.submission(CU, "new-" + number + "-" + i, number, wrong(fresh, i))))
          .isEqualTo(RejectionCode.CODE_MISMATCH);
    }
    assertThat(core.service.submit(core.submission(CU, "right-" + number, number, fresh)).value())
        .isInstanceOf(PortOutcome.Opened.class);
  }

  @Test
  void concurrentMismatchesOnTwoInstancesAreEachCountedOnce() throws Exception {
    String number = core.freshNumber();
    String code = core.codeFor(CM, number);
    int guesses = 3 * max;
    ExecutorService pool = Executors.newFixedThreadPool(guesses);
    CountDownLatch go = new CountDownLatch(1);
    List<Future<RejectionCode>> answers = new ArrayList<>();
    try {
      for (int i = 1; i <= guesses; i++) {
        PortingService instance = i % 2 == 0 ? core.service : other;
        SubmitPort guess = core.submission(i % 3 == 0 ? CT : CU, "race-" + number + "-" + i, number, wrong(code, i));
        answers.add(pool.submit(() -> {
          go.await();
          return rejectionLikeACarrier(instance, guess);
        }));
      }
      go.countDown();
      List<RejectionCode> codes = new ArrayList<>();
      for (Future<RejectionCode> answer : answers) {
        codes.add(answer.get());
      }
      assertThat(codes).filteredOn(RejectionCode.CODE_MISMATCH::equals).as("mismatches counted").hasSize(max);
      assertThat(codes).filteredOn(RejectionCode.CODE_VOIDED::equals).as("after the void").hasSize(guesses - max);
    } finally {
      pool.shutdownNow();
    }
    assertThat(mismatchesOf(number)).extracting(DomainEvent.CodeMismatch::mismatch).as("no count taken twice")
        .containsExactlyInAnyOrder(1, 2, 3, 4, 5);
    assertThat(mismatchesOf(number)).filteredOn(DomainEvent.CodeMismatch::voided).hasSize(1);
    assertThat(core.events.of(DomainEvent.CodeVoided.class)).filteredOn(e -> e.msisdn().equals(msisdn(number)))
        .hasSize(1);
    assertThat(rejection(core.service, core.submission(CU, "right-" + number, number, code)))
        .as("the right code, once void").isEqualTo(RejectionCode.CODE_VOIDED);
  }

  /** A carrier resends a request whose outcome was uncertain (a timeout under contention) with the same key. */
  private static RejectionCode rejectionLikeACarrier(PortingService instance, SubmitPort submission) {
    RuntimeException last = null;
    for (int attempt = 0; attempt < 10; attempt++) {
      try {
        return rejection(instance, submission);
      } catch (RuntimeException e) {
        last = e;
      }
    }
    throw last;
  }

  private static RejectionCode rejection(PortingService instance, SubmitPort submission) {
    PortOutcome outcome = instance.submit(submission).value();
    assertThat(outcome).isInstanceOf(PortOutcome.RejectedByClearinghouse.class);
    return ((PortOutcome.RejectedByClearinghouse) outcome).code();
  }

  private static List<DomainEvent.CodeMismatch> mismatchesOf(String number) {
    return core.events.of(DomainEvent.CodeMismatch.class).stream().filter(e -> e.msisdn().equals(msisdn(number)))
        .toList();
  }

  /** The mismatches of code_mismatches against {@code recipient} today for the number, as "mismatch:voided". */
  private static List<String> storedMismatches(CarrierId recipient, String number) {
    List<String> found = new ArrayList<>();
    for (Row row : core.database.session().execute("SELECT msisdn, mismatch, voided FROM code_mismatches "
        + "WHERE recipient = ? AND day = ?", recipient.value(),
        LocalDate.ofInstant(core.clock.instant(), ZoneOffset.UTC))) {
      if (row.getString("msisdn").equals(msisdn(number).toString())) {
        found.add(row.getInt("mismatch") + ":" + row.getBoolean("voided"));
      }
    }
    return found;
  }

  private static List<Notice.Kind> notices(CarrierId carrier, Instant from, String number) {
    return core.outbox.read(carrier, from.minus(Duration.ofSeconds(1)), Optional.empty(), 1_000).stream()
        .filter(n -> n.msisdn().equals(msisdn(number).toString()) && n.kind() != Notice.Kind.PORT)
        .map(Notice::kind).toList();
  }

  private static Msisdn msisdn(String number) {
    return core.regime.numbers().parse(number).orElseThrow();
  }

  /** A well-formed code that is not {@code code}: the i-th after it. */
  private static String wrong(String code, int i) {
    return String.format("%06d", (Integer.parseInt(code) + i) % 1_000_000);
  }
}
