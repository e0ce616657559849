package npc.gateway.client;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import npc.gateway.protocol.v1.AuthorisationCodeIssued;
import npc.gateway.protocol.v1.AuthorisationCodeRequest;
import npc.gateway.protocol.v1.CancelRequest;
import npc.gateway.protocol.v1.DeactivationConfirm;
import npc.gateway.protocol.v1.DonorAnswer;
import npc.gateway.protocol.v1.DonorAnswerAck;
import npc.gateway.protocol.v1.EligibilityAnswer;
import npc.gateway.protocol.v1.EligibilityAnswerAccepted;
import npc.gateway.protocol.v1.EligibilityQueryAccepted;
import npc.gateway.protocol.v1.EligibilityQueryRequest;
import npc.gateway.protocol.v1.NumberReturnAck;
import npc.gateway.protocol.v1.NumberReturnRequest;
import npc.gateway.protocol.v1.PortRequest;
import npc.gateway.protocol.v1.PortRequestAck;
import npc.gateway.protocol.v1.PortStatusAck;
import npc.gateway.protocol.v1.RegimeInfo;
import npc.gateway.protocol.v1.RegimeRequest;
import npc.gateway.protocol.v1.RoutingLookupRequest;
import npc.gateway.protocol.v1.RoutingLookupResponse;
import npc.gateway.protocol.v1.SubscriberIdentity;
import npc.gateway.protocol.v1.SubscriberType;

/**
 * A carrier's connection to the clearinghouse's gateway. It connects in the background, reconnects with backoff
 * until {@link #close()}, and re-opens its session, its routing stream and its notifications on each connection.
 *
 * <p>Every call returns at once a future completed on the callback executor: with the gateway's answer, or with a
 * {@link CarrierClientException} saying whether the request was sent and what to do. The client never resends a
 * request by itself: only the caller knows whether that is safe (a port request is, with the same idempotency
 * key). Calls beyond the gateway's in-flight limit, or while no session is open, fail at once with
 * {@link NotSentException} rather than queue: the caller chooses how to wait. Thread-safe.
 */
public final class CarrierClient implements AutoCloseable {
  /** The protocol's limit on the numbers of one routing lookup. */
  public static final int MAX_LOOKUP_NUMBERS = 1_000;
  private static final Duration SHUTDOWN_TIMEOUT = Duration.ofSeconds(5);

  private final ClientConfig config;
  private final EventLoopGroup group;
  private final Callbacks callbacks;
  private final RoutingMirror mirror;
  private final Link link;
  private final AtomicBoolean closed = new AtomicBoolean();

  CarrierClient(ClientConfig config, CarrierListener listener, Callbacks callbacks, RoutingMirror mirror) {
    this.config = config;
    this.callbacks = callbacks;
    this.mirror = mirror;
    this.group = new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory("npc-carrier-client", true),
        NioIoHandler.newFactory());
    this.link = new Link(config, group.next(), listener, callbacks, mirror);
    link.start();
  }

  public static CarrierClientBuilder builder() {
    return new CarrierClientBuilder();
  }

  /** The open session, or empty while the client connects. */
  public Optional<Session> session() {
    return Optional.ofNullable(link.session());
  }

  /**
   * Completes with the open session, or with the next one to open. Fails with {@link GatewayException} when the
   * gateway refuses the next handshake (the client still retries), and with {@link NotSentException} once closed.
   */
  public CompletableFuture<Session> whenConnected() {
    CompletableFuture<Session> session = new CompletableFuture<>();
    link.whenConnected(session);
    return session;
  }

  /** The local copy of the routing database this client keeps current. */
  public RoutingMirror routingMirror() {
    return mirror;
  }

  /**
   * As a recipient: asks whether a number may be ported for the subscriber who asked (CN: CXXZ#name#id). The donor
   * is shown the identity and the type, and answers against its own records; its answer, or its silence past the
   * deadline, comes as an {@code EligibilityResultNotice}.
   *
   * @throws IllegalArgumentException for {@code SUBSCRIBER_TYPE_UNSPECIFIED} or an identity without a name or an ID
   *     number: the gateway would refuse the query
   */
  public CompletableFuture<EligibilityQueryAccepted> queryEligibility(String msisdn, SubscriberType subscriberType,
      SubscriberIdentity subscriber) {
    return queryEligibility(EligibilityQueryRequest.newBuilder().setMsisdn(msisdn).setSubscriberType(subscriberType)
        .setSubscriber(subscriber).build());
  }

  /**
   * As {@link #queryEligibility(String, SubscriberType, SubscriberIdentity)}, for a request the caller built.
   *
   * @throws IllegalArgumentException for a request without its subscriber (name and ID number) or its subscriber
   *     type: the gateway would refuse it with {@code INVALID_REQUEST}
   */
  public CompletableFuture<EligibilityQueryAccepted> queryEligibility(EligibilityQueryRequest query) {
    SubscriberType type = query.getSubscriberType();
    if (type != SubscriberType.SUBSCRIBER_TYPE_INDIVIDUAL && type != SubscriberType.SUBSCRIBER_TYPE_CORPORATE) {
      throw new IllegalArgumentException("an eligibility query names its subscriber_type: INDIVIDUAL or CORPORATE");
    }
    if (query.getSubscriber().getName().isBlank() || query.getSubscriber().getIdNumber().isBlank()) {
      throw new IllegalArgumentException("an eligibility query names its subscriber: the name and id_number of the "
          + "subscriber who asked");
    }
    return call(Operation.ELIGIBILITY_QUERY, query);
  }

  /** As a donor: answers an eligibility query the gateway pushed. */
  public CompletableFuture<EligibilityAnswerAccepted> answerEligibility(EligibilityAnswer answer) {
    return call(Operation.ELIGIBILITY_ANSWER, answer);
  }

  /** As the serving carrier: asks for a subscriber's authorisation code, shown in the answer this once. */
  public CompletableFuture<AuthorisationCodeIssued> requestAuthorisationCode(AuthorisationCodeRequest request) {
    return call(Operation.CODE_REQUEST, request);
  }

  /** As a recipient: opens a port. Safe to resend with the same idempotency key: it gets the first answer. */
  public CompletableFuture<PortRequestAck> requestPort(PortRequest request) {
    return call(Operation.PORT_REQUEST, request);
  }

  /** As a donor: accepts or rejects a port the gateway pushed. */
  public CompletableFuture<DonorAnswerAck> answerPort(DonorAnswer answer) {
    return call(Operation.DONOR_ANSWER, answer);
  }

  /** As the recipient: cancels a port before its activation. */
  public CompletableFuture<PortStatusAck> cancelPort(CancelRequest request) {
    return call(Operation.CANCEL, request);
  }

  /** As the donor: confirms it deactivated the ported subscriber on its network. */
  public CompletableFuture<PortStatusAck> confirmDeactivation(DeactivationConfirm confirmation) {
    return call(Operation.DEACTIVATION, confirmation);
  }

  /** As the serving carrier: gives a ported number back to its range holder. */
  public CompletableFuture<NumberReturnAck> returnNumber(NumberReturnRequest request) {
    return call(Operation.NUMBER_RETURN, request);
  }

  /**
   * Which carrier serves each number now, one result per number in the order asked.
   *
   * @throws IllegalArgumentException for no numbers or more than {@link #MAX_LOOKUP_NUMBERS}
   */
  public CompletableFuture<RoutingLookupResponse> lookUpRoutes(List<String> msisdns) {
    if (msisdns.isEmpty() || msisdns.size() > MAX_LOOKUP_NUMBERS) {
      throw new IllegalArgumentException("a lookup takes 1 to " + MAX_LOOKUP_NUMBERS + " numbers, not "
          + msisdns.size());
    }
    return call(Operation.ROUTING_LOOKUP, RoutingLookupRequest.newBuilder().addAllMsisdns(msisdns).build());
  }

  /**
   * With {@code manualRoutingAcks(true)}: tells the gateway that the carrier's network routes every change of the
   * routing log up to {@code position} (a position its route listener was given). The gateway takes only positions
   * the current connection sent: a position beyond the last it sent is acknowledged as that last one, and changes
   * sent on a connection that has since dropped can no longer be acknowledged (the next connection resumes after
   * the mirror's position). Acknowledging a position at or before one already acknowledged sends nothing. Returns
   * at once; the acknowledgement goes out from the client's event loop.
   *
   * @throws IllegalStateException when the client acknowledges changes by itself (the default)
   */
  public void acknowledgeRoutes(long position) {
    if (!config.manualRoutingAcks()) {
      throw new IllegalStateException("this client acknowledges routing changes by itself; build it with "
          + "manualRoutingAcks(true) to acknowledge them from the application");
    }
    link.acknowledgeRoutes(position);
  }

  /**
   * The rules the clearinghouse runs: its timers, the authorisation code's rules, when a port takes effect, and
   * the closed list of rejection reasons with the evidence each needs and its format. Asking once a session is
   * enough; a carrier that asks need not hard-code any of them.
   */
  public CompletableFuture<RegimeInfo> regime() {
    return call(Operation.REGIME, RegimeRequest.getDefaultInstance());
  }

  /**
   * Sends the acknowledgements that wait, closes the connection (calls still waiting fail with
   * {@link ConnectionLostException}), stops reconnecting and releases the client's threads.
   */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    try {
      group.submit(link::close).syncUninterruptibly().getNow()
          .await(SHUTDOWN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
      group.shutdownGracefully(0, SHUTDOWN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
          .await(SHUTDOWN_TIMEOUT.toMillis() * 2, TimeUnit.MILLISECONDS);
      callbacks.close();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private <Q, A> CompletableFuture<A> call(Operation<Q, A> operation, Q request) {
    return link.request(operation, Objects.requireNonNull(request, "request"), config.requestTimeout(),
        callbacks);
  }
}
