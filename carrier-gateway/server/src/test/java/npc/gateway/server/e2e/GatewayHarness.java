package npc.gateway.server.e2e;

import io.netty.channel.EventLoopGroup;
import io.netty.handler.ssl.SslContext;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import npc.core.event.EventFanout;
import npc.core.identity.IdentityDigester;
import npc.core.porting.PortingService;
import npc.core.regime.Regime;
import npc.core.regime.RegimeLoader;
import npc.core.notice.Outbox;
import npc.core.routing.RouteSnapshots;
import npc.core.routing.RoutingCursors;
import npc.core.routing.RoutingDatabase;
import npc.core.routing.RoutingLog;
import npc.core.storage.Database;
import npc.core.storage.testing.TestCassandra;
import npc.core.store.CassandraCarrierCertificates;
import npc.core.store.CassandraOutbox;
import npc.core.store.CassandraRouteSnapshots;
import npc.core.store.CassandraRoutingCursors;
import npc.core.store.CassandraRoutingLog;
import npc.core.store.CassandraStores;
import npc.core.testing.MutableClock;
import npc.core.testing.RecordingEvents;
import npc.gateway.client.CarrierClient;
import npc.gateway.client.CarrierListener;
import npc.gateway.client.ClientTls;
import npc.gateway.client.RoutingMirror;
import npc.gateway.protocol.v1.Envelope;
import npc.gateway.protocol.v1.Header;
import npc.gateway.protocol.v1.Hello;
import npc.gateway.server.ConnectionLimits;
import npc.gateway.server.GatewayServer;
import npc.gateway.server.GatewaySettings;
import npc.gateway.server.RawCarrier;
import npc.gateway.server.push.PushContext;
import npc.gateway.server.tls.DevelopmentPki;
import npc.gateway.server.tls.ServerTls;

/**
 * Gateway instances on one keyspace of the real test node, each with its own database session, as separate
 * clearinghouse nodes would be, and carriers connected through the SDK over loopback TLS. The core's clock is a
 * test clock (deadlines fire when a test says); the gateways' is the system's, as notice ids need.
 */
final class GatewayHarness implements AutoCloseable {
  static final IdentityDigester DIGESTER =
      new IdentityDigester("gateway test identity key, 32 bytes at least".getBytes(StandardCharsets.UTF_8));
  static final List<String> CARRIERS = List.of("CM", "CU", "CT", "CBN");

  /** The default limits, but tests connect from one address faster than a carrier should. */
  static final ConnectionLimits TEST_LIMITS = ConnectionLimits.DEFAULTS.withAcceptRate(1_000, 1_000);

  final Database database;
  final MutableClock clock = new MutableClock(Instant.now());
  final Regime regime = RegimeLoader.builtIn("demo");
  final DevelopmentPki pki;
  final RecordingEvents audit = new RecordingEvents();
  private final SslContext tls;
  private final List<Instance> instances = new ArrayList<>();
  /** What the gateways read on an event loop: nothing, if they are right. */
  final EventLoopGuard eventLoops = new EventLoopGuard();
  private final List<CarrierClient> clients = new ArrayList<>();

  /** One instance of the clearinghouse: its session, its service and its gateway. */
  record Instance(Database database, PortingService service, GatewayServer gateway) {}

  GatewayHarness(String purpose, Path directory) {
    database = TestCassandra.freshDatabase(purpose);
    pki = DevelopmentPki.create(directory.resolve("pki"), "npc gateway test CA")
        .issueCarriers(List.of("CM", "CU", "CT", "CBN", "SAT"))
        .register(new CassandraCarrierCertificates(database.session()), List.of("CM", "CU", "CT", "CBN", "SAT"),
            Instant.now());
    tls = ServerTls.context(pki.caCertificate(), pki.serverCertificate(), pki.serverKey());
  }

  /** Starts one more instance with the default settings, pushing every 100 ms. */
  Instance startInstance() {
    return startInstance(settings -> settings);
  }

  Instance startInstance(UnaryOperator<GatewaySettings> tuning) {
    return startInstance(tuning, TEST_LIMITS);
  }

  /** An instance with the given settings and connection limits. */
  Instance startInstance(UnaryOperator<GatewaySettings> tuning, ConnectionLimits limits) {
    Database session = instances.isEmpty() ? database : TestCassandra.anotherSession(database);
    CassandraOutbox outbox = new CassandraOutbox(session.session(), Clock.systemUTC());
    CassandraRoutingLog log = new CassandraRoutingLog(session.session(), regime.numbers());
    CassandraRouteSnapshots snapshots = new CassandraRouteSnapshots(session.session(), regime.numbers());
    EventFanout events = new EventFanout();
    PortingService service = CassandraStores.portingService(session.session(), regime, events, DIGESTER, clock,
        outbox, log);
    RoutingDatabase routes = RoutingDatabase.load(regime.numbers(), regime.carriers(), snapshots, log);
    GatewaySettings settings = tuning.apply(GatewaySettings.defaults("127.0.0.1", 0)
        .withPush(new PushContext.Settings(PushContext.Settings.DEFAULTS.snapshotAbove(), 100)));
    // The gateway's own reads of the stores are watched: none may run on an event loop.
    GatewayServer gateway = GatewayServer.start(settings, limits, tls, new GatewayServer.Parts(service,
        eventLoops.guard(Outbox.class, outbox), eventLoops.guard(RoutingLog.class, log),
        eventLoops.guard(RouteSnapshots.class, snapshots),
        eventLoops.guard(RoutingCursors.class, new CassandraRoutingCursors(session.session())), routes, audit,
        Clock.systemUTC(), new CassandraCarrierCertificates(session.session())));
    events.add(gateway.events()).add(audit);
    Instance instance = new Instance(session, service, gateway);
    instances.add(instance);
    return instance;
  }

  /** A carrier's SDK client on {@code instance}; waits for its session. */
  CarrierClient connect(String carrier, Instance instance, CarrierListener listener) {
    return connect(carrier, instance, listener, new RoutingMirror());
  }

  /** As {@link #connect(String, Instance, CarrierListener)}, filling {@code mirror}. */
  CarrierClient connect(String carrier, Instance instance, CarrierListener listener, RoutingMirror mirror) {
    CarrierClient client = CarrierClient.builder()
        .routingMirror(mirror)
        .gateway("127.0.0.1", instance.gateway().address().getPort())
        .tls(ClientTls.fromPem(pki.carrierCertificate(carrier), pki.carrierKey(carrier), pki.caCertificate()))
        .listener(listener)
        .clientName("gateway-it", "1")
        .requestTimeout(Duration.ofSeconds(20))
        .reconnectBackoff(Duration.ofMillis(50), Duration.ofMillis(500))
        .connect();
    clients.add(client);
    join(client.whenConnected());
    return client;
  }

  /**
   * A carrier's connection to {@code instance} without the SDK, for requests the SDK would refuse to send; it has
   * sent Hello and received Welcome. Close its channel after the test.
   */
  RawCarrier raw(String carrier, Instance instance, EventLoopGroup group) throws Exception {
    RawCarrier raw = RawCarrier.connect(group, instance.gateway().address(), pki.carrierCertificate(carrier),
        pki.carrierKey(carrier), pki.caCertificate());
    raw.channel().writeAndFlush(Envelope.newBuilder().setHeader(Header.newBuilder().setProtocolVersion(1)
        .setCorrelationId("hello")).setHello(Hello.newBuilder().setMinVersion(1).setMaxVersion(1)
        .setClientName("raw")).build());
    Envelope welcome = raw.received().poll(10, TimeUnit.SECONDS);
    if (welcome == null || !welcome.getWelcome().getCarrierId().equals(carrier)) {
      throw new AssertionError("no Welcome for " + carrier + ": " + welcome);
    }
    return raw;
  }

  /** The first instance's service: any instance's would do, they share the keyspace. */
  PortingService service() {
    return instances.get(0).service();
  }

  static <T> T join(CompletableFuture<T> future) {
    try {
      return future.get(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new AssertionError("no answer: " + e, e);
    }
  }

  @Override
  public void close() {
    clients.forEach(CarrierClient::close);
    for (Instance instance : instances) {
      instance.gateway().close();
    }
    for (Instance instance : instances.subList(1, instances.size())) {
      instance.database().close();
    }
    database.close();
  }
}
