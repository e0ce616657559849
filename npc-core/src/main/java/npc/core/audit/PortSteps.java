package npc.core.audit;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import npc.core.carrier.CarrierId;
import npc.core.port.PortState;
import npc.core.porting.EligibilityQuery;
import npc.core.porting.Port;

/**
 * The entry each step of a port or query becomes, with exactly what {@code audit/docs/detectors.md} lists for its
 * kind: a pure function of the values the step writes, so that the contract is checked without a database.
 * {@code toldAt} comes from the outbox ({@link ToldTimes}); the acknowledgement and deactivation deadlines from the
 * regime's routing acknowledgement time after the activation.
 */
public final class PortSteps {
  private final Duration routingAck;
  private final ToldTimes told;
  private final Clock clock;

  public PortSteps(Duration routingAck, ToldTimes told, Clock clock) {
    this.routingAck = routingAck;
    this.told = told;
    this.clock = clock;
  }

  /** The id of a step that a plain write makes at most once: the same from every instance that writes it. */
  public static UUID fixedId(String... parts) {
    return UUID.nameUUIDFromBytes(String.join("\u0000", parts).getBytes(StandardCharsets.UTF_8));
  }

  AuditStep opened(Port port, byte[] subscriberDigest) {
    return step(AuditKind.PORT_OPENED, port.submittedAt(), port).withActor(port.recipient())
        .withStates(PortState.SUBMITTED.name(), port.state().name())
        .with("donor", port.donor().value()).with("recipient", port.recipient().value())
        .with("channel", port.channel()).with("subscriberType", port.subscriberType().name())
        .withDeadline(port.donorDeadline()).withSubscriber(subscriberDigest);
  }

  /** The step of a transition, or empty for a move the contract has no kind for. */
  Optional<AuditStep> transition(Port before, Port after) {
    PortState from = before.state();
    PortState to = after.state();
    String s1 = from.name();
    String s2 = to.name();
    AuditStep step;
    if (from == PortState.PENDING_DONOR && to == PortState.ACCEPTED) {
      step = step(AuditKind.PORT_ACCEPTED, answered(after), after).withActor(after.donor())
          .with("openedAt", AuditStep.instant(after.submittedAt())).withDeadline(before.donorDeadline());
    } else if (from == PortState.PENDING_DONOR && to == PortState.REJECTED_BY_DONOR) {
      step = step(AuditKind.PORT_REJECTED_BY_DONOR, answered(after), after).withActor(after.donor())
          .withReason(after.reason().orElseThrow()).withAll(after.evidence())
          .with("openedAt", AuditStep.instant(after.submittedAt())).withDeadline(before.donorDeadline());
    } else if (from == PortState.PENDING_DONOR && to == PortState.DEEMED_ACCEPTED) {
      step = toldDonor(step(AuditKind.PORT_DEEMED_ACCEPTED, answered(after), after), after)
          .withDeadline(before.donorDeadline());
    } else if (to == PortState.SCHEDULED) {
      step = step(AuditKind.PORT_SCHEDULED, now(), after)
          .with("activateAt", AuditStep.instant(after.activationAt().orElseThrow()));
    } else if (to == PortState.CANCELLED) {
      step = toldDonor(step(AuditKind.PORT_CANCELLED, ended(after), after).withActor(after.recipient()), after);
    } else if (from == PortState.ACTIVATED && to == PortState.COMPLETED) {
      step = step(AuditKind.PORT_COMPLETED, ended(after), after).withDeadline(ackDeadline(after));
    } else if (from == PortState.ACTIVATED && to == PortState.COMPLETED_WITH_LAGGARDS) {
      step = step(AuditKind.PORT_COMPLETED_WITH_LAGGARDS, ended(after), after).withDeadline(ackDeadline(after))
          .with("laggards", after.laggards().keySet().stream().map(CarrierId::value).sorted()
              .collect(Collectors.joining(",")))
          .with("ackLaggards", after.laggards().entrySet().stream().filter(l -> l.getValue().contains(Port.ACK))
              .map(l -> l.getKey().value()).sorted().collect(Collectors.joining(",")));
    } else {
      return Optional.empty();
    }
    return Optional.of(step.withStates(s1, s2));
  }

  AuditStep extended(Port before, Port after) {
    return toldDonor(step(AuditKind.DONOR_DEADLINE_EXTENDED, now(), after), after).withReason("NOTICE_LATE")
        .with("previousDeadline", AuditStep.instant(before.donorDeadline())).withDeadline(after.donorDeadline());
  }

  AuditStep activated(Port before, Port after) {
    Instant ackBy = ackDeadline(after);
    return step(AuditKind.PORT_ACTIVATED, after.activatedAt().orElseGet(this::now), after)
        .withStates(before.state().name(), after.state().name())
        .with("donor", after.donor().value()).with("deactivateBy", AuditStep.instant(ackBy))
        .with("carriers", carriers(after.ackExpected())).withDeadline(ackBy);
  }

  /**
   * A reversal's actor is whoever approved it ({@code approvedBy}, e.g. {@code REGULATOR:<token id>}): not a carrier,
   * but the record must say who gave the number back, and the reference alone names a document, not a person.
   */
  AuditStep reversed(Port before, Port after, String approvedBy) {
    return step(AuditKind.PORT_REVERSED, ended(after), after).withActorName(approvedBy)
        .withStates(before.state().name(), after.state().name())
        .with("donor", after.donor().value())
        .with("reference", after.reversalReference().orElse(""));
  }

  /** An open port cancelled because a reversal gave the number back: no carrier asked for it. */
  AuditStep cancelledByReversal(Port before, Port after) {
    return toldDonor(step(AuditKind.PORT_CANCELLED, ended(after), after), after)
        .withStates(before.state().name(), after.state().name()).withReason(after.endReason().orElse("CANCELLED"));
  }

  /** A carrier's acknowledgement of the route, or the donor's confirmed deactivation; empty for another fact. */
  Optional<AuditStep> fact(Activated port, String fact, CarrierId carrier, Instant at) {
    AuditKind kind = Port.ACK.equals(fact) ? AuditKind.ROUTING_ACKNOWLEDGED
        : Port.DEACTIVATED.equals(fact) ? AuditKind.DEACTIVATION_CONFIRMED : null;
    if (kind == null) {
      return Optional.empty();
    }
    AuditStep step = AuditStep.of(fixedId("fact", port.id().toString(), fact, carrier.value()), kind, at)
        .about(port.id().toString(), port.msisdn()).withActor(carrier).with("donor", port.donor())
        .with("recipient", port.recipient())
        .withRow(new StepRow.FactRow(port.id(), fact, carrier.value()));
    return Optional.of(port.ackDeadline().isPresent() ? step.withDeadline(port.ackDeadline().get()) : step);
  }

  /** What a fact's entry needs of its port: its number, its parties and, once activated, its acknowledgement deadline. */
  record Activated(UUID id, String msisdn, String donor, String recipient, Optional<Instant> ackDeadline) {}

  /** The port as a fact's entry needs it. */
  Activated activated(Port port) {
    return new Activated(port.id(), port.msisdn().toString(), port.donor().value(), port.recipient().value(),
        port.activatedAt().map(at -> at.plus(routingAck)));
  }

  AuditStep queryOpened(EligibilityQuery query, byte[] subscriberDigest) {
    return query(AuditKind.QUERY_OPENED, query.askedAt(), query).withActor(query.askedBy())
        .withStates("NONE", query.state().name())
        .with("donor", query.donor().value()).with("subscriberType", query.subscriberType().name())
        .withDeadline(query.deadline()).withSubscriber(subscriberDigest);
  }

  AuditStep queryClosed(EligibilityQuery before, EligibilityQuery after, Instant at) {
    AuditStep step;
    if (after.state() == EligibilityQuery.State.EXPIRED) {
      step = query(AuditKind.QUERY_EXPIRED, at, after).with("donor", after.donor().value());
      Optional<Instant> toldAt = told.toldAt(after.donor(), after.id());
      if (toldAt.isPresent()) {
        step = step.with("toldAt", AuditStep.instant(toldAt.get()));
      }
    } else {
      step = query(AuditKind.QUERY_ANSWERED, at, after).withActor(after.donor())
          .with("openedAt", AuditStep.instant(after.askedAt()))
          .with("eligible", String.valueOf(after.eligible().orElse(after.reasons().isEmpty())))
          .with("reasons", after.reasons().keySet().stream().sorted().collect(Collectors.joining(",")));
      for (Map.Entry<String, Map<String, String>> reason : after.reasons().entrySet()) {
        for (Map.Entry<String, String> field : reason.getValue().entrySet()) {
          step = step.with(reason.getKey() + "." + field.getKey(), field.getValue());
        }
      }
    }
    return step.withStates(before.state().name(), after.state().name()).withDeadline(after.deadline());
  }

  private AuditStep step(AuditKind kind, Instant at, Port port) {
    return AuditStep.of(UUID.randomUUID(), kind, at).about(port.id().toString(), port.msisdn().toString())
        .with("donor", port.donor().value()).with("recipient", port.recipient().value())
        .withRow(new StepRow.PortRow(port.msisdn().toString(), port.id()));
  }

  private AuditStep query(AuditKind kind, Instant at, EligibilityQuery query) {
    return AuditStep.of(UUID.randomUUID(), kind, at).about(query.id().toString(), query.msisdn().toString())
        .with("donor", query.donor().value()).with("recipient", query.askedBy().value())
        .withRow(new StepRow.QueryRow(query.id()));
  }

  /** The donor's name, and when it was first pushed the port's notice ({@code toldAt}, absent if never). */
  private AuditStep toldDonor(AuditStep step, Port port) {
    AuditStep named = step.with("donor", port.donor().value());
    Optional<Instant> toldAt = told.toldAt(port.donor(), port.id());
    return toldAt.isPresent() ? named.with("toldAt", AuditStep.instant(toldAt.get())) : named;
  }

  private Instant ackDeadline(Port port) {
    return port.activatedAt().orElseGet(this::now).plus(routingAck);
  }

  private Instant answered(Port port) {
    return port.answeredAt().orElseGet(this::now);
  }

  private Instant ended(Port port) {
    return port.endedAt().orElseGet(this::now);
  }

  Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.MILLIS);
  }

  static String carriers(Set<CarrierId> carriers) {
    return carriers.stream().map(CarrierId::value).sorted().collect(Collectors.joining(","));
  }

}
