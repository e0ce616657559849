package npc.core.porting;

import static npc.core.porting.CoreFixture.CM;
import static npc.core.porting.CoreFixture.CT;
import static npc.core.porting.CoreFixture.CU;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import npc.core.carrier.CarrierId;
import npc.core.event.DomainEvent;
import npc.core.notice.Notice;
import npc.core.port.PortState;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A regulator-approved reversal of a completed port while a later port of the same number is open: the reversal
 * wins, and the later port, whose donor no longer serves the number, ends.
 */
class ReversalStoriesIT {
  private static CoreFixture core;

  @BeforeAll
  static void start() {
    core = new CoreFixture("reversals", "cn", "136", true);
  }

  @AfterAll
  static void stop() {
    core.close();
  }

  @Test
  void aReversalCancelsTheNextPortStillWaitingForItsDonorAndTellsBothParties() {
    String number = core.freshNumber();
    Port first = core.complete(CM, CU, number);
    core.clock.advance(Duration.ofDays(121)); // past the lock period
    String code = core.codeFor(CU, number);
    Port second = ((PortOutcome.Opened) core.service.submit(core.submission(CT, "second-" + number, number, code))
        .value()).port();
    Instant from = Instant.now().minusSeconds(1);

    Port reversed = core.service.reverse(first.id(), "MIIT-2026-0044", "REGULATOR:test").value();

    assertThat(reversed.state()).isEqualTo(PortState.REVERSED);
    assertThat(core.service.port(CU, first.id()).value().reversalReference()).as("the approval is kept")
        .contains("MIIT-2026-0044");
    Port cancelled = core.service.port(CT, second.id()).value();
    assertThat(cancelled.state()).isEqualTo(PortState.CANCELLED);
    assertThat(cancelled.endReason()).contains(Port.ROUTE_REVERSED);
    assertThat(((Refused<Port>) core.service.answer(new DonorAnswer.Accept(CU, second.id(), List.of()))).code())
        .as("a carrier that no longer serves the number cannot answer for it").isEqualTo(RefusalCode.PORT_ENDED);
    for (CarrierId party : List.of(CU, CT)) {
      assertThat(core.outbox.read(party, from, Optional.empty(), 1_000))
          .filteredOn(n -> n.subject().equals(second.id()) && n.kind() == Notice.Kind.PORT)
          .as("%s is told the port was cancelled", party)
          .anySatisfy(n -> assertThat(n.portState()).contains(PortState.CANCELLED));
    }
    assertThat(core.events.of(DomainEvent.PortEnded.class)).extracting(e -> e.port().id()).contains(second.id());
    PortOutcome again = core.service.submit(core.submission(CT, "third-" + number, number, code)).value();
    assertThat(again).as("the cancelled port's code stays spent")
        .isEqualTo(new PortOutcome.RejectedByClearinghouse(again.portId(), RejectionCode.CODE_USED,
            ((PortOutcome.RejectedByClearinghouse) again).detail()));
    assertThat(core.service.issueCode(CM, number, CoreFixture.ALICE)).as("the route is back with the donor")
        .isInstanceOf(Done.class);
  }

  @Test
  void aReversalCancelsTheNextPortAlreadyScheduledSoThatItNeverActivates() {
    String number = core.freshNumber();
    Port first = core.complete(CM, CU, number);
    core.clock.advance(Duration.ofDays(121));
    Port second = core.open(CU, CT, number);
    Port scheduled = core.service.answer(new DonorAnswer.Accept(CU, second.id(), List.of())).value();

    core.service.reverse(first.id(), "MIIT-2026-0045", "REGULATOR:test").value();
    core.clock.set(scheduled.activationAt().orElseThrow());
    core.service.fireDueDeadlines();

    Port ended = core.service.port(CT, second.id()).value();
    assertThat(ended.state()).isEqualTo(PortState.CANCELLED);
    assertThat(ended.endReason()).contains(Port.ROUTE_REVERSED);
    assertThat(ended.activatedAt()).isEmpty();
    assertThat(((Refused<IssuedCode>) core.service.issueCode(CU, number, CoreFixture.ALICE)).code())
        .as("CM serves the number again").isEqualTo(RefusalCode.NOT_THE_SERVING_CARRIER);
  }

  @Test
  void aReversalWithNoOtherPortOpenCancelsNothing() {
    String number = core.freshNumber();
    Port first = core.complete(CM, CU, number);
    core.events.clear();

    core.service.reverse(first.id(), "MIIT-2026-0046", "REGULATOR:test").value();

    assertThat(core.events.of(DomainEvent.PortEnded.class)).extracting(e -> e.port().id())
        .containsExactly(first.id());
  }
}
