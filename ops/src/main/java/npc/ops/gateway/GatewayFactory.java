package npc.ops.gateway;

import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import io.netty.handler.ssl.SslContext;
import jakarta.inject.Singleton;
import java.net.BindException;
import java.time.Clock;
import npc.core.carrier.CarrierSuspensions;
import npc.core.event.EventFanout;
import npc.core.porting.PortingService;
import npc.core.regime.Regime;
import npc.core.routing.RoutingDatabase;
import npc.core.storage.Database;
import npc.core.store.CassandraCarrierCertificates;
import npc.core.store.CassandraOutbox;
import npc.core.store.CassandraRouteSnapshots;
import npc.core.store.CassandraRoutingCursors;
import npc.core.store.CassandraRoutingLog;
import npc.gateway.server.ConnectionLimits;
import npc.gateway.server.GatewayServer;
import npc.gateway.server.GatewaySettings;
import npc.ops.StartupException;

/**
 * The carrier gateway, listening as soon as the bean exists. A singleton the start command asks for after the
 * context started (not a context bean), so that a port already taken fails start-up where the command can close
 * the context, and with it the database and the embedded node.
 */
@Factory
class GatewayFactory {

  /**
   * The gateway takes the {@link Database} itself although it reaches it through the stores too: Micronaut
   * destroys a bean before those its factory method takes, so the gateway closes its sessions (telling carriers
   * it is stopping) before the database closes under them.
   */
  @Singleton
  @Bean(preDestroy = "close")
  GatewayServer gateway(GatewayConfiguration configuration, Database database, Regime regime,
      PortingService service, CassandraOutbox outbox, CassandraRoutingLog log, EventFanout events,
      CarrierSuspensions suspensions, CassandraCarrierCertificates certificates) {
    GatewaySettings settings = configuration.toSettings();
    CassandraRouteSnapshots snapshots = new CassandraRouteSnapshots(database.session(), regime.numbers());
    RoutingDatabase routes = RoutingDatabase.load(regime.numbers(), regime.carriers(), snapshots, log);
    // The audit of carrier disconnections goes where the service's events go: the audit joins that fan-out.
    SslContext tls = GatewayTls.context(configuration, regime, certificates);
    GatewayServer.Parts parts = new GatewayServer.Parts(service, outbox, log, snapshots,
        new CassandraRoutingCursors(database.session()), routes, events, Clock.systemUTC(), certificates,
        suspensions);
    GatewayServer gateway = start(settings, configuration.toLimits(), tls, parts);
    events.add(gateway.events());
    return gateway;
  }

  /** The certificate registry, which the gateway reads and the operator's certificate endpoints write. */
  @Singleton
  CassandraCarrierCertificates certificates(Database database) {
    return new CassandraCarrierCertificates(database.session());
  }

  private static GatewayServer start(GatewaySettings settings, ConnectionLimits limits, SslContext tls,
      GatewayServer.Parts parts) {
    try {
      return GatewayServer.start(settings, limits, tls, parts);
    } catch (RuntimeException e) {
      throw e;
    } catch (Exception e) {
      // Netty rethrows the bind failure, a checked exception, without declaring it.
      throw cannotListen(settings, e);
    }
  }

  private static StartupException cannotListen(GatewaySettings settings, Exception cause) {
    String where = settings.host() + ":" + settings.port();
    return cause instanceof BindException
        ? new StartupException("the carrier gateway cannot listen on " + where + " (" + cause.getMessage()
            + "); choose another port with --gateway-port or npc.gateway.port", cause)
        : new StartupException("the carrier gateway cannot listen on " + where + ": " + cause, cause);
  }
}
