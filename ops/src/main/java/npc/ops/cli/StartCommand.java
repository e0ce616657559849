package npc.ops.cli;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import npc.cassandra.embedded.NodeStartException;
import npc.core.storage.SchemaMigrationException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code npc start}: starts the clearinghouse (with an embedded Cassandra node unless {@code --cassandra} names
 * a cluster), prints one line {@code npc ready: ...} on standard output when it serves, and runs until SIGINT or
 * SIGTERM, when it stops the service and the node. Logs go to standard error.
 */
@Command(name = "start", mixinStandardHelpOptions = true,
    description = "Start the clearinghouse; prints 'npc ready: ...' when it serves. Runs until SIGINT/SIGTERM.")
public final class StartCommand implements Callable<Integer> {

  @Option(names = "--cassandra", paramLabel = "HOST:PORT[,HOST:PORT]",
      description = "Use this Cassandra cluster instead of an embedded node.")
  String cassandra;

  @Option(names = "--datacenter", paramLabel = "DC",
      description = "The cluster's local datacenter (with --cassandra).")
  String datacenter;

  @Option(names = "--keyspace", paramLabel = "NAME", description = "npc's keyspace (default: npc).")
  String keyspace;

  @Option(names = "--replication", paramLabel = "SPEC",
      description = "Replication of a new keyspace: SimpleStrategy:1 or NetworkTopologyStrategy:dc1=3,dc2=3.")
  String replication;

  @Option(names = "--data-dir", paramLabel = "DIR",
      description = "The embedded node's directory (default: ~/.npc/cassandra).")
  String dataDir;

  @Option(names = "--http-host", paramLabel = "HOST", description = "Address of the HTTP API (default 127.0.0.1).")
  String httpHost;

  @Option(names = "--http-port", paramLabel = "PORT",
      description = "Port of the HTTP API (default 8080; 0 picks a free one).")
  Integer httpPort;

  private volatile ApplicationContext context;

  @Override
  public Integer call() {
    if (cassandra != null && datacenter == null) {
      System.err.println("npc: --cassandra needs --datacenter (the cluster's local datacenter)");
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
    EmbeddedServer server;
    try {
      server = started.getBean(EmbeddedServer.class);
      server.start();
    } catch (RuntimeException e) {
      started.close(); // closes the database and stops the embedded node
      System.err.println("npc: cannot start: " + reason(e));
      return 1;
    }
    context = started;
    // One hook: stopping the context stops the HTTP server, closes the database and stops the embedded node.
    Runtime.getRuntime().addShutdownHook(new Thread(started::close, "npc-stop"));
    System.out.println("npc ready: http=" + server.getURL());
    System.out.flush();
    return 0;
  }

  boolean isRunning() {
    ApplicationContext running = context;
    return running != null && running.isRunning();
  }

  private Map<String, Object> properties() {
    Map<String, Object> p = new LinkedHashMap<>();
    put(p, "npc.cassandra.contact-points", cassandra);
    put(p, "npc.cassandra.local-datacenter", datacenter);
    put(p, "npc.cassandra.keyspace", keyspace);
    put(p, "npc.cassandra.replication", replication);
    put(p, "npc.cassandra.embedded.directory", dataDir);
    put(p, "micronaut.server.host", httpHost);
    if (httpPort != null) {
      // Micronaut reads -1 as "any free port".
      p.put("micronaut.server.port", httpPort == 0 ? -1 : httpPort);
    }
    return p;
  }

  private static void put(Map<String, Object> properties, String key, String value) {
    if (value != null) {
      properties.put(key, value);
    }
  }

  /** The message an operator needs: the node's or the schema's own words, not the wiring's wrappers. */
  static String reason(Throwable failure) {
    Throwable bottom = failure;
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof NodeStartException || t instanceof SchemaMigrationException
          || t instanceof IllegalArgumentException) {
        return t.getMessage();
      }
      bottom = t;
    }
    String bottomText = bottom.getMessage() == null ? bottom.toString() : bottom.getMessage();
    return bottom == failure || failure.getMessage() == null ? bottomText
        : failure.getMessage() + " (" + bottomText + ")";
  }
}
