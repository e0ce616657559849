package npc.core.porting;

import static npc.core.porting.CoreFixture.CM;
import static npc.core.porting.CoreFixture.CU;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import npc.core.carrier.CarrierId;
import npc.core.numbering.Msisdn;
import npc.core.store.CassandraPortStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * An idempotency key is remembered for 7 days (the TTL of its `requests` row). Within that window a retry gets the
 * first answer; a key reused after it is a new request: it opens a new port under a new id, and nothing of the old
 * request (its port, its answer) is overwritten. The tests make the key's row expire by deleting it.
 */
class IdempotencyIT {
  private static CoreFixture core;
  private static CassandraPortStore store;

  @BeforeAll
  static void start() {
    core = new CoreFixture("idempotency", "cn", "138");
    store = new CassandraPortStore(core.database.session(), core.regime.numbers());
  }

  @AfterAll
  static void stop() {
    core.close();
  }

  @Test
  void aKeyReusedAfterItsMemoryForTheSameNumberOpensANewPortAndLeavesTheOldOneAsItEnded() {
    String number = core.freshNumber();
    SubmitPort first = core.submission(CU, "reused-same-number", number, core.codeFor(CM, number));
    Port old = opened(core.service.submit(first).value());
    Port cancelled = core.service.cancel(CU, old.id()).value();
    core.clock.advance(Duration.ofDays(8));
    forgetKey(CU, first.idempotencyKey());

    SubmitPort again = core.submission(CU, first.idempotencyKey(), number, core.codeFor(CM, number));
    Port fresh = opened(core.service.submit(again).value());

    assertThat(fresh.id()).as("a port id names one port forever").isNotEqualTo(old.id());
    assertThat(core.service.port(CU, old.id()).value()).as("the old port, untouched").isEqualTo(cancelled);
    assertThat(store.ports(msisdn(number))).extracting(Port::id).containsExactly(old.id(), fresh.id());
    assertThat(core.service.submit(again).value()).as("a retry within the new memory window")
        .isEqualTo(new PortOutcome.Opened(fresh));
  }

  @Test
  void aKeyReusedAfterItsMemoryForAnotherNumberLeavesTheOldAnswerAndItsPortIdAlone() {
    String number = core.freshNumber();
    SubmitPort first = core.submission(CU, "reused-other-number", number, "123456");
    PortOutcome rejected = core.service.submit(first).value();
    assertThat(rejected).isInstanceOfSatisfying(PortOutcome.RejectedByClearinghouse.class,
        r -> assertThat(r.code()).isEqualTo(RejectionCode.NO_CODE));
    forgetKey(CU, first.idempotencyKey());

    String other = core.freshNumber();
    SubmitPort again = core.submission(CU, first.idempotencyKey(), other, core.codeFor(CM, other));
    Port fresh = opened(core.service.submit(again).value());

    assertThat(fresh.id()).isNotEqualTo(rejected.portId());
    assertThat(store.rejection(rejected.portId())).as("the old answer, untouched").contains(
        (PortOutcome.RejectedByClearinghouse) rejected);
    assertThat(store.rejection(fresh.id())).isEmpty();
    assertThat(core.service.port(CU, rejected.portId())).as("the old request opened no port, and still names none")
        .isInstanceOf(Refused.class);
    assertThat(core.service.submit(again).value()).as("the retry gets the new answer, not the old one")
        .isEqualTo(new PortOutcome.Opened(fresh));
  }

  @Test
  void aRetryWithinTheMemoryGetsTheFirstAnswerUnderTheFirstPortId() {
    String number = core.freshNumber();
    SubmitPort submission = core.submission(CU, "retried", number, core.codeFor(CM, number));
    PortOutcome first = core.service.submit(submission).value();
    assertThat(core.service.submit(submission).value()).isEqualTo(first);
    assertThat(store.number(msisdn(number)).openPort()).contains(first.portId());
  }

  /** What the key's TTL does after 7 days. */
  private static void forgetKey(CarrierId carrier, String key) {
    core.database.session().execute("DELETE FROM requests WHERE carrier = ? AND idempotency_key = ? IF EXISTS",
        carrier.value(), key);
  }

  private static Port opened(PortOutcome outcome) {
    assertThat(outcome).isInstanceOf(PortOutcome.Opened.class);
    return ((PortOutcome.Opened) outcome).port();
  }

  private static Msisdn msisdn(String number) {
    return core.regime.numbers().parse(number).orElseThrow();
  }
}
