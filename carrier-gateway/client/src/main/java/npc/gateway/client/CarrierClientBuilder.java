package npc.gateway.client;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executor;

/**
 * Settings of a {@link CarrierClient}. Only the gateway's address and the TLS material are required; the other
 * defaults suit a production carrier.
 */
public final class CarrierClientBuilder {
  private String host;
  private int port;
  private ClientTls tls;
  private CarrierListener listener = new CarrierListener() {};
  private Optional<Executor> callbackExecutor = Optional.empty();
  private RoutingMirror mirror = new RoutingMirror();
  private boolean routingStream = true;
  private boolean manualRoutingAcks;
  private String clientName = "npc-carrier-client";
  private String clientVersion = Optional.ofNullable(CarrierClient.class.getPackage().getImplementationVersion())
      .orElse("development");
  private Duration requestTimeout = Duration.ofSeconds(30);
  private Duration handshakeTimeout = Duration.ofSeconds(10);
  private Duration backoffBase = Duration.ofMillis(250);
  private Duration backoffMax = Duration.ofSeconds(30);
  private int maxInboundFrameBytes = 4 * 1024 * 1024;
  private int dedupCapacity = 100_000;
  private Clock clock = Clock.systemUTC();

  CarrierClientBuilder() {}

  /** The gateway's host name (which its certificate must name) and port. Required. */
  public CarrierClientBuilder gateway(String host, int port) {
    this.host = host;
    this.port = port;
    return this;
  }

  /** The carrier's certificate and key, and the CA the gateway's certificate must come from. Required. */
  public CarrierClientBuilder tls(ClientTls tls) {
    this.tls = tls;
    return this;
  }

  /** Hears notifications and session changes. Default: ignores them all (and still acknowledges them). */
  public CarrierClientBuilder listener(CarrierListener listener) {
    this.listener = Objects.requireNonNull(listener, "listener");
    return this;
  }

  /**
   * Where futures complete and listeners run. Default: a pool of the client's own, shut down by {@code close()}.
   * A single-threaded executor works, but then a listener must not wait for a call's future: that future would
   * complete on the very thread the listener occupies.
   */
  public CarrierClientBuilder callbackExecutor(Executor executor) {
    this.callbackExecutor = Optional.of(executor);
    return this;
  }

  /** The mirror the routing stream keeps. Default: a new, empty one. */
  public CarrierClientBuilder routingMirror(RoutingMirror mirror) {
    this.mirror = Objects.requireNonNull(mirror, "mirror");
    return this;
  }

  /** Whether to subscribe to the routing stream on each connection. Default: true. */
  public CarrierClientBuilder routingStream(boolean subscribe) {
    this.routingStream = subscribe;
    return this;
  }

  /**
   * Whether the application acknowledges routing changes itself, with {@link CarrierClient#acknowledgeRoutes}, once
   * its network routes them. Default: false, the client acknowledges each change once its mirror applied it. A
   * carrier that programs its own switches from the route listener turns this on so that its acknowledgement
   * means "my network routes it", which is what the clearinghouse's routing deadline measures.
   */
  public CarrierClientBuilder manualRoutingAcks(boolean manual) {
    this.manualRoutingAcks = manual;
    return this;
  }

  /** The carrier's software and version, for the gateway operators' logs. */
  public CarrierClientBuilder clientName(String name, String version) {
    this.clientName = name;
    this.clientVersion = version;
    return this;
  }

  /** How long a call waits for its answer before failing with {@link RequestTimeoutException}. Default: 30 s. */
  public CarrierClientBuilder requestTimeout(Duration timeout) {
    this.requestTimeout = timeout;
    return this;
  }

  /** How long connecting may take, and then TLS plus Hello until Welcome. Default: 10 s. */
  public CarrierClientBuilder handshakeTimeout(Duration timeout) {
    this.handshakeTimeout = timeout;
    return this;
  }

  /** The reconnect backoff: full jitter over {@code min(max, base * 2^attempt)}. Default: 250 ms to 30 s. */
  public CarrierClientBuilder reconnectBackoff(Duration base, Duration max) {
    this.backoffBase = base;
    this.backoffMax = max;
    return this;
  }

  /** The longest frame accepted from the gateway; a longer one closes the connection. Default: 4 MiB. */
  public CarrierClientBuilder maxInboundFrameBytes(int bytes) {
    this.maxInboundFrameBytes = bytes;
    return this;
  }

  /** How many notification ids (and port steps) the duplicate filter remembers. Default: 100,000. */
  public CarrierClientBuilder dedupCapacity(int notifications) {
    this.dedupCapacity = notifications;
    return this;
  }

  /** The clock of the frames' {@code sent_at}. Default: the system's, in UTC. */
  public CarrierClientBuilder clock(Clock clock) {
    this.clock = clock;
    return this;
  }

  /** Starts the client: it connects in the background, and reconnects until closed. */
  public CarrierClient connect() {
    ClientConfig config = new ClientConfig(host == null ? "" : host, port, tls, clientName, clientVersion,
        requestTimeout, handshakeTimeout, new Backoff(backoffBase, backoffMax), maxInboundFrameBytes,
        dedupCapacity, routingStream, manualRoutingAcks, clock);
    return new CarrierClient(config, listener, callbackExecutor.map(Callbacks::supplied).orElseGet(Callbacks::own),
        mirror);
  }
}
