package npc.gateway.server.message;

import com.google.protobuf.Duration;
import com.google.protobuf.Timestamp;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import npc.core.carrier.CarrierId;
import npc.core.porting.EligibilityQuery;
import npc.core.porting.Port;
import npc.core.routing.RouteChange;
import npc.gateway.protocol.v1.EligibilityQueryNotice;
import npc.gateway.protocol.v1.EligibilityResultNotice;
import npc.gateway.protocol.v1.EligibilityState;
import npc.gateway.protocol.v1.Laggard;
import npc.gateway.protocol.v1.LaggardFact;
import npc.gateway.protocol.v1.PortNotice;
import npc.gateway.protocol.v1.PortState;
import npc.gateway.protocol.v1.PortStatus;
import npc.gateway.protocol.v1.Reason;
import npc.gateway.protocol.v1.RouteUpdate;
import npc.gateway.protocol.v1.SubscriberIdentity;
import npc.gateway.protocol.v1.SubscriberType;

/** The protocol's view of the core's ports, queries and route changes. */
public final class Messages {
  private Messages() {}

  public static Timestamp timestamp(Instant instant) {
    return Timestamp.newBuilder().setSeconds(instant.getEpochSecond()).setNanos(instant.getNano()).build();
  }

  public static Duration duration(java.time.Duration duration) {
    return Duration.newBuilder().setSeconds(duration.getSeconds()).setNanos(duration.getNano()).build();
  }

  /**
   * A port as {@code viewer}, one of its parties, sees it: the donor does not see the recipient's order id (the
   * recipient's sales data).
   */
  public static PortStatus portStatus(Port port, CarrierId viewer) {
    PortStatus.Builder status = PortStatus.newBuilder()
        .setPortId(port.id().toString())
        .setMsisdn(port.msisdn().toString())
        .setRecipient(port.recipient().value())
        .setDonor(port.donor().value())
        .setState(state(port.state()))
        .setSubmittedAt(timestamp(port.submittedAt()))
        .setDonorDeadline(timestamp(port.donorDeadline()))
        .addAllWarnings(port.warnings());
    if (viewer.equals(port.recipient())) {
      status.setOrderId(port.orderId());
    }
    port.answeredAt().ifPresent(at -> status.setAnsweredAt(timestamp(at)));
    port.reason().ifPresent(code -> status.setRejection(reason(code, port.evidence())));
    port.activationAt().ifPresent(at -> status.setActivationAt(timestamp(at)));
    port.activatedAt().ifPresent(at -> status.setActivatedAt(timestamp(at)));
    port.endedAt().ifPresent(at -> status.setEndedAt(timestamp(at)));
    port.laggards().forEach((carrier, missed) -> {
      status.addLaggards(carrier.value());
      Laggard.Builder laggard = Laggard.newBuilder().setCarrier(carrier.value());
      missed.stream().sorted().map(fact -> fact.equals(Port.ACK) ? LaggardFact.LAGGARD_FACT_ROUTING_ACK
          : LaggardFact.LAGGARD_FACT_DEACTIVATION).forEach(laggard::addMissed);
      status.addLaggardFacts(laggard);
    });
    status.setDeemedAcceptance(port.deemed());
    port.endReason().ifPresent(status::setEndReason);
    port.reversalReference().ifPresent(status::setReversalReference);
    return status.build();
  }

  public static PortNotice portNotice(Port port) {
    return PortNotice.newBuilder()
        .setPortId(port.id().toString())
        .setMsisdn(port.msisdn().toString())
        .setRecipient(port.recipient().value())
        .setSubscriberType(subscriberType(port.subscriberType()))
        .setDonorDeadline(timestamp(port.donorDeadline()))
        .build();
  }

  /** What the donor of a pending query is pushed: the query and the subscriber it names, to answer for. */
  public static EligibilityQueryNotice eligibilityQueryNotice(EligibilityQuery query) {
    EligibilityQueryNotice.Builder notice = EligibilityQueryNotice.newBuilder()
        .setQueryId(query.id().toString())
        .setMsisdn(query.msisdn().toString())
        .setAskedBy(query.askedBy().value())
        .setDeadline(timestamp(query.deadline()))
        .setSubscriberType(subscriberType(query.subscriberType()));
    query.subscriber().ifPresent(identity -> notice.setSubscriber(SubscriberIdentity.newBuilder()
        .setName(identity.name()).setIdNumber(identity.idNumber())));
    return notice.build();
  }

  /**
   * The result of an eligibility query as its asker sees it: the core's view for the asker holds only the evidence
   * the regime marks shareable ({@code PortingService.query}).
   */
  public static EligibilityResultNotice eligibilityResult(EligibilityQuery query) {
    EligibilityResultNotice.Builder result = EligibilityResultNotice.newBuilder()
        .setQueryId(query.id().toString())
        .setMsisdn(query.msisdn().toString())
        .setState(query.state() == EligibilityQuery.State.EXPIRED ? EligibilityState.ELIGIBILITY_STATE_EXPIRED
            : EligibilityState.ELIGIBILITY_STATE_ANSWERED)
        .setEligible(query.eligible().orElse(false))
        .addAllWarnings(query.warnings());
    query.reasons().entrySet().stream().sorted(Map.Entry.comparingByKey())
        .forEach(reason -> result.addReasons(reason(reason.getKey(), reason.getValue())));
    return result.build();
  }

  public static RouteUpdate routeUpdate(RouteChange change) {
    RouteUpdate.Builder update = RouteUpdate.newBuilder()
        .setPosition(change.position())
        .setMsisdn(change.msisdn().toString())
        .setVersion(change.version())
        .setChangedAt(timestamp(change.changedAt()));
    change.carrier().ifPresent(carrier -> update.setCarrier(carrier.value()));
    change.routingNumber().ifPresent(number -> update.setRoutingNumber(number.value()));
    return update.build();
  }

  public static Reason reason(String code, Map<String, String> evidence) {
    return Reason.newBuilder().setCode(code).putAllEvidence(evidence).build();
  }

  public static PortState state(npc.core.port.PortState state) {
    return switch (state) {
      case SUBMITTED, PENDING_DONOR -> PortState.PORT_STATE_PENDING_DONOR;
      case ACCEPTED -> PortState.PORT_STATE_ACCEPTED;
      case DEEMED_ACCEPTED -> PortState.PORT_STATE_DEEMED_ACCEPTED;
      case REJECTED_BY_DONOR -> PortState.PORT_STATE_REJECTED_BY_DONOR;
      case SCHEDULED -> PortState.PORT_STATE_SCHEDULED;
      case ACTIVATED -> PortState.PORT_STATE_ACTIVATED;
      case COMPLETED -> PortState.PORT_STATE_COMPLETED;
      case COMPLETED_WITH_LAGGARDS -> PortState.PORT_STATE_COMPLETED_WITH_LAGGARDS;
      case CANCELLED -> PortState.PORT_STATE_CANCELLED;
      case REVERSED -> PortState.PORT_STATE_REVERSED;
      case REJECTED_BY_CLEARINGHOUSE -> throw new IllegalArgumentException(
          "a clearinghouse rejection is a request's outcome, never a port's state");
    };
  }

  public static SubscriberType subscriberType(npc.core.porting.SubscriberType type) {
    return switch (type) {
      case INDIVIDUAL -> SubscriberType.SUBSCRIBER_TYPE_INDIVIDUAL;
      case CORPORATE -> SubscriberType.SUBSCRIBER_TYPE_CORPORATE;
    };
  }

  /** The core's subscriber type, or empty for one the carrier did not give. */
  public static Optional<npc.core.porting.SubscriberType> subscriberType(SubscriberType type) {
    return switch (type) {
      case SUBSCRIBER_TYPE_INDIVIDUAL -> Optional.of(npc.core.porting.SubscriberType.INDIVIDUAL);
      case SUBSCRIBER_TYPE_CORPORATE -> Optional.of(npc.core.porting.SubscriberType.CORPORATE);
      default -> Optional.empty();
    };
  }
}
