package npc.ops.api;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import npc.audit.record.AuditEntry;
import npc.audit.record.ChainHead;
import npc.audit.store.CassandraAuditStore;
import npc.core.storage.testing.TestCassandra;
import npc.ops.security.DevelopmentTokens;
import npc.ops.security.Role;

/**
 * The whole service as {@code npc start} runs it (database, gateway, HTTP API), on a fresh keyspace of the module's
 * shared test node, started once per test JVM and stopped with it. Requests go over real HTTP.
 */
final class RunningService {
  private static RunningService instance;
  private static RunningService demo;

  final ApplicationContext context;
  final URI base;
  final Path tokensDir;
  final Path pkiDir;
  private final HttpClient http = HttpClient.newHttpClient();

  private RunningService(ApplicationContext context, URI base, Path tokensDir) {
    this.context = context;
    this.base = base;
    this.tokensDir = tokensDir;
    this.pkiDir = tokensDir.resolveSibling("pki");
  }

  static synchronized RunningService get() {
    if (instance == null) {
      instance = start();
    }
    return instance;
  }

  /**
   * A second service on the same node with the {@code demo} regime, whose short timers (activation every 10 s,
   * acknowledgements within 15 s) let a test complete a port in seconds; its own keyspace.
   */
  static synchronized RunningService demo() {
    if (demo == null) {
      demo = start(Map.of("npc.regime", "demo"), "demo");
    }
    return demo;
  }

  /**
   * A service of its own (keyspace, key files, tokens) for a test that changes what the shared one's tests rely on,
   * such as the audit signing key; {@code more} adds keys. Stopped with the test JVM, or by closing its context.
   */
  static RunningService own(String suffix, Map<String, Object> more) {
    return start(more, suffix);
  }

  private static RunningService start() {
    return start(Map.of(), "");
  }

  private static RunningService start(Map<String, Object> more, String suffix) {
    try {
      TestCassandra.Cluster cluster = TestCassandra.cluster();
      Path dir = Files.createTempDirectory(Files.createDirectories(Path.of(System.getProperty(
          "npc.test.cassandra.dir", "target/cassandra-it"))), "api" + suffix);
      Map<String, Object> p = new LinkedHashMap<>();
      p.put("npc.cassandra.contact-points", cluster.contactPoints().stream()
          .map(a -> a.getHostString() + ":" + a.getPort()).collect(Collectors.joining(",")));
      p.put("npc.cassandra.local-datacenter", cluster.datacenter());
      p.put("npc.cassandra.keyspace", "api_" + ProcessHandle.current().pid() + suffix);
      p.put("npc.gateway.port", 0);
      p.put("npc.gateway.pki-dir", dir.resolve("pki").toString());
      p.put("npc.identity.key-file", dir.resolve("identity.key").toString());
      p.put("npc.tokens.development-dir", dir.resolve("tokens").toString());
      p.put("micronaut.server.port", -1);
      p.putAll(more);
      ApplicationContext context = ApplicationContext.builder().deduceEnvironment(false)
          .deduceCloudEnvironment(false).properties(p).start();
      EmbeddedServer server = context.getBean(EmbeddedServer.class);
      server.start();
      context.getBean(npc.gateway.server.GatewayServer.class); // listens once created, as npc start does
      Runtime.getRuntime().addShutdownHook(new Thread(context::close, "api-it-stop"));
      return new RunningService(context, server.getURI(), dir.resolve("tokens"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The development token of {@code role}, as the first start wrote it. */
  String developmentToken(Role role) {
    try {
      return Files.readString(DevelopmentTokens.file(tokensDir, role), StandardCharsets.US_ASCII).strip();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  InetSocketAddress gatewayAddress() {
    return context.getBean(npc.gateway.server.GatewayServer.class).address();
  }

  /** Sends {@code method path} with {@code token} (none when null) and a JSON body (none when null). */
  HttpResponse<String> send(String method, String path, String token, String json) {
    HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path))
        .method(method, json == null ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(json));
    if (json != null) {
      request.header("Content-Type", "application/json");
    }
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    try {
      return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  HttpResponse<String> get(String path, String token) {
    return send("GET", path, token, null);
  }

  /** Every entry of the service's audit record, every chain's, read as the export reads them. */
  List<AuditEntry> auditEntries() {
    CassandraAuditStore store = context.getBean(CassandraAuditStore.class);
    List<AuditEntry> entries = new ArrayList<>();
    for (ChainHead chain : store.latestCheckpoints()) {
      store.entries(chain.chain(), 1).forEachRemaining(entries::add);
    }
    return entries;
  }
}
