package npc.gateway.server.push;

import java.time.Instant;
import java.util.Optional;
import npc.core.carrier.CarrierId;
import npc.core.notice.Notice;
import npc.core.numbering.Msisdn;
import npc.core.port.PortState;
import npc.core.porting.Done;
import npc.core.porting.EligibilityQuery;
import npc.core.porting.Port;
import npc.core.porting.PortingService;
import npc.core.porting.Result;
import npc.gateway.protocol.v1.Envelope;
import npc.gateway.protocol.v1.PortStatusNotice;
import npc.gateway.protocol.v1.TimerKind;
import npc.gateway.protocol.v1.TimerNotice;
import npc.gateway.server.message.Messages;

/**
 * Turns a notice into the frame a carrier gets, from its subject as it is now: a port's current status, a query's
 * answer, a deadline that fired. A subject that does not show the notice's news yet (a port short of the state
 * the notice announces, a query still pending, a deadline's effect not there) is {@link Rendering.Wait}:
 * the write after the notice may still be in flight, or may never have applied (the pusher drops the notice after
 * the grace period). A notice with nothing left to tell is {@link Rendering.Drop}.
 */
final class NoticeRenderer {
  private final PortingService service;

  NoticeRenderer(PortingService service) {
    this.service = service;
  }

  sealed interface Rendering {
    record Push(Envelope.Builder body) implements Rendering {}

    record Wait() implements Rendering {}

    record Drop() implements Rendering {}
  }

  private static final Rendering WAIT = new Rendering.Wait();
  private static final Rendering DROP = new Rendering.Drop();

  Rendering render(CarrierId to, Notice notice) {
    return switch (notice.kind()) {
      case PORT -> port(to, notice)
          .filter(port -> notice.portState().map(news -> progress(port.state()) >= progress(news)).orElse(true))
          .map(port -> push(to.equals(port.donor()) && port.state() == PortState.PENDING_DONOR
              ? Envelope.newBuilder().setPortNotice(Messages.portNotice(port))
              : Envelope.newBuilder().setPortStatus(PortStatusNotice.newBuilder().setPort(Messages.portStatus(port, to)))))
          .orElse(WAIT);
      case QUERY -> query(to, notice).map(query -> aboutQuery(to, query)).orElse(WAIT);
      case DONOR_ANSWER_DEADLINE -> port(to, notice)
          .filter(Port::deemed)
          .map(port -> timer(TimerKind.TIMER_KIND_DONOR_ANSWER_DEADLINE, notice, port.answeredAt().get()))
          .orElse(WAIT);
      case ROUTING_ACK_DEADLINE -> port(to, notice)
          .filter(port -> port.state() == PortState.COMPLETED_WITH_LAGGARDS)
          .map(port -> timer(TimerKind.TIMER_KIND_ROUTING_ACK_DEADLINE, notice, port.endedAt().orElseThrow()))
          .orElse(WAIT);
      case ELIGIBILITY_EXPIRED -> query(to, notice)
          .filter(query -> query.state() == EligibilityQuery.State.EXPIRED)
          .map(query -> timer(TimerKind.TIMER_KIND_ELIGIBILITY_EXPIRED, notice, query.deadline()))
          .orElse(WAIT);
      case CODE_EXPIRED -> {
        Optional<Msisdn> msisdn = service.regime().numbers().parse(notice.msisdn());
        if (msisdn.isEmpty()) {
          yield DROP;
        }
        yield service.codeStored(msisdn.get(), notice.subject()) ? WAIT
            : push(Envelope.newBuilder().setTimer(TimerNotice.newBuilder().setKind(TimerKind.TIMER_KIND_CODE_EXPIRED)
                .setMsisdn(notice.msisdn()).setFiredAt(Messages.timestamp(notice.createdAt()))));
      }
      case CODE_VOIDED -> codeVoided(notice);
    };
  }

  /**
   * A code void after too many mismatches: pushed once the code is gone and the number shows it voided. While the
   * code is still stored the void's write may be in flight (or never apply: the code was used first, and the notice
   * is dropped after the grace period). A code gone without the mark was replaced or expired without the void, or a
   * new code was issued since the void: nothing left to tell.
   */
  private Rendering codeVoided(Notice notice) {
    Optional<Msisdn> msisdn = service.regime().numbers().parse(notice.msisdn());
    if (msisdn.isEmpty()) {
      return DROP;
    }
    if (service.codeStored(msisdn.get(), notice.subject())) {
      return WAIT;
    }
    return service.codeVoided(msisdn.get())
        ? push(Envelope.newBuilder().setTimer(TimerNotice.newBuilder().setKind(TimerKind.TIMER_KIND_CODE_VOIDED)
            .setMsisdn(notice.msisdn()).setFiredAt(Messages.timestamp(notice.createdAt()))))
        : DROP;
  }

  /**
   * How far along its lifecycle a port in this state is. A port at or past the state a notice announces shows the
   * news (or later news, which is what the carrier needs now); one short of it does not show it yet. Every ending
   * is as far as a port goes, but for a reversal, which comes after completion.
   */
  static int progress(PortState state) {
    return switch (state) {
      case SUBMITTED, PENDING_DONOR -> 1;
      case ACCEPTED, DEEMED_ACCEPTED -> 2;
      case SCHEDULED -> 3;
      case ACTIVATED -> 4;
      case REJECTED_BY_CLEARINGHOUSE, REJECTED_BY_DONOR, CANCELLED, COMPLETED, COMPLETED_WITH_LAGGARDS -> 5;
      case REVERSED -> 6;
    };
  }

  /**
   * The donor is asked while the query is pending, and shown the subscriber it names; the asker is told once it
   * closed.
   */
  private static Rendering aboutQuery(CarrierId to, EligibilityQuery query) {
    boolean pending = query.state() == EligibilityQuery.State.PENDING;
    if (pending && to.equals(query.donor())) {
      return push(Envelope.newBuilder().setEligibilityQueryNotice(Messages.eligibilityQueryNotice(query)));
    }
    if (!pending && to.equals(query.askedBy())) {
      return push(Envelope.newBuilder().setEligibilityResult(Messages.eligibilityResult(query)));
    }
    return pending ? WAIT : DROP;
  }

  private Optional<Port> port(CarrierId to, Notice notice) {
    return done(service.port(to, notice.subject()));
  }

  private Optional<EligibilityQuery> query(CarrierId to, Notice notice) {
    return done(service.query(to, notice.subject()));
  }

  private static Rendering timer(TimerKind kind, Notice notice, Instant firedAt) {
    return push(Envelope.newBuilder().setTimer(TimerNotice.newBuilder()
        .setKind(kind)
        .setSubjectId(notice.subject().toString())
        .setMsisdn(notice.msisdn())
        .setFiredAt(Messages.timestamp(firedAt))));
  }

  private static Rendering push(Envelope.Builder body) {
    return new Rendering.Push(body);
  }

  private static <T> Optional<T> done(Result<T> result) {
    return result instanceof Done<T> done ? Optional.of(done.value()) : Optional.empty();
  }
}
