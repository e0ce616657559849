package npc.ops.cli;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.net.InetSocketAddress;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import npc.cassandra.embedded.NodeStartException;
import npc.core.storage.SchemaMigrationException;
import npc.gateway.server.GatewayServer;
import npc.ops.StartupException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code npc start}: starts the clearinghouse (with an embedded Cassandra node unless {@code --cassandra} names
 * a cluster), the carrier gateway and the HTTP API, prints one line
 * {@code npc ready: gateway=HOST:PORT http=URL} on standard output once both serve (with the ports actually
 * bound, so that {@code 0} is usable by scripts), and runs until SIGINT or SIGTERM, when it stops the service and
 * the node. Logs go to standard error.
 */
@Command(name = "start", mixinStandardHelpOptions = true,
    description = {"Start the clearinghouse: the carrier gateway (mutual TLS) and the HTTP API, on an embedded "
        + "Cassandra node unless --cassandra names a cluster. Prints 'npc ready: gateway=HOST:PORT http=URL' when "
        + "both serve. Runs until SIGINT/SIGTERM.",
        "The first start creates a development PKI (CA, server certificate, and a certificate and key for each "
        + "carrier of the regime) in the --pki-dir directory and logs where; carriers connect to the gateway with "
        + "those certificates."})
public final class StartCommand implements Callable<Integer> {

  @Mixin
  DatabaseOptions database = new DatabaseOptions();

  @Option(names = "--replication", paramLabel = "SPEC",
      description = "Replication of a new keyspace: SimpleStrategy:1 or NetworkTopologyStrategy:dc1=3,dc2=3.")
  String replication;

  @Option(names = "--http-host", paramLabel = "HOST", description = "Address of the HTTP API (default 127.0.0.1).")
  String httpHost;

  @Option(names = "--http-port", paramLabel = "PORT",
      description = "Port of the HTTP API (default 8080; 0 picks a free one).")
  Integer httpPort;

  @Option(names = "--gateway-host", paramLabel = "HOST",
      description = "Address of the carrier gateway (default 127.0.0.1).")
  String gatewayHost;

  @Option(names = "--gateway-port", paramLabel = "PORT",
      description = "Port of the carrier gateway (default 7400; 0 picks a free one).")
  Integer gatewayPort;

  @Option(names = "--pki-dir", paramLabel = "DIR",
      description = "The development PKI, created on first start (default: ~/.npc/pki).")
  String pkiDir;

  @Option(names = "--tokens-dir", paramLabel = "DIR",
      description = "Where the first start writes the development API tokens (default: ~/.npc/tokens).")
  String tokensDir;

  @Option(names = "--regime", paramLabel = "ID", description = "The porting rules: cn, demo or in (default: cn).")
  String regime;

  private volatile ApplicationContext context;

  @Override
  public Integer call() {
    if (database.problem().isPresent()) {
      System.err.println("npc: " + database.problem().get());
      return 2;
    }
    ApplicationContext started;
    try {
      started = ApplicationContext.builder()
          // No guessing of cloud environments: that probes metadata addresses on the network.
          .deduceEnvironment(false)
          .deduceCloudEnvironment(false)
          .properties(properties())
          .start();
    } catch (RuntimeException e) {
      System.err.println("npc: cannot start: " + reason(e));
      return 1;
    }
    GatewayServer gateway;
    EmbeddedServer server;
    try {
      gateway = started.getBean(GatewayServer.class); // listens once created
      server = started.getBean(EmbeddedServer.class);
      server.start();
    } catch (RuntimeException e) {
      started.close(); // closes the gateway if it started, the database, and stops the embedded node
      System.err.println("npc: cannot start: " + reason(e));
      return 1;
    }
    context = started;
    // One hook: stopping the context stops the HTTP server and the gateway, closes the database and stops the node.
    Runtime.getRuntime().addShutdownHook(new Thread(started::close, "npc-stop"));
    System.out.println("npc ready: gateway=" + hostAndPort(gateway.address()) + " http=" + server.getURL());
    System.out.flush();
    return 0;
  }

  boolean isRunning() {
    ApplicationContext running = context;
    return running != null && running.isRunning();
  }

  private Map<String, Object> properties() {
    Map<String, Object> p = new LinkedHashMap<>();
    database.putInto(p);
    DatabaseOptions.put(p, "npc.cassandra.replication", replication);
    DatabaseOptions.put(p, "micronaut.server.host", httpHost);
    DatabaseOptions.put(p, "npc.gateway.host", gatewayHost);
    if (gatewayPort != null) {
      p.put("npc.gateway.port", gatewayPort);
    }
    DatabaseOptions.put(p, "npc.gateway.pki-dir", pkiDir);
    DatabaseOptions.put(p, "npc.regime", regime);
    DatabaseOptions.put(p, "npc.tokens.development-dir", tokensDir);
    if (httpPort != null) {
      // Micronaut reads -1 as "any free port".
      p.put("micronaut.server.port", httpPort == 0 ? -1 : httpPort);
    }
    return p;
  }

  /** {@code HOST:PORT} as bound, with an IPv6 address in brackets so that the port stays readable. */
  static String hostAndPort(InetSocketAddress address) {
    String host = address.getHostString();
    return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + address.getPort();
  }

  /** The message an operator needs: the node's or the schema's own words, not the wiring's wrappers. */
  static String reason(Throwable failure) {
    Throwable bottom = failure;
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof NodeStartException || t instanceof SchemaMigrationException
          || t instanceof StartupException || t instanceof IllegalArgumentException) {
        return t.getMessage();
      }
      bottom = t;
    }
    String bottomText = bottom.getMessage() == null ? bottom.toString() : bottom.getMessage();
    return bottom == failure || failure.getMessage() == null ? bottomText
        : failure.getMessage() + " (" + bottomText + ")";
  }
}
