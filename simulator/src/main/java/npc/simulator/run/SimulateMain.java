package npc.simulator.run;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;
import npc.gateway.client.CarrierClient;
import npc.gateway.client.CarrierClientBuilder;
import npc.gateway.client.ClientTls;
import npc.simulator.carrier.Carrier;
import npc.simulator.carrier.TruthLog;
import npc.simulator.model.Population;
import npc.simulator.scenario.Scenario;
import npc.simulator.scenario.ScenarioException;
import npc.simulator.scenario.ScenarioLoader;

/**
 * {@code simulate --scenario FILE [--target HOST:PORT --pki DIR] [--out DIR] [--http URL --token FILE]
 * [--drain D]}: runs a scenario against a running npc, or without {@code --target} against an npc of its own that it
 * starts and stops ({@link OwnNpc}), writes {@code truth.jsonl}, the latency files and
 * {@code summary.json}, then reads the findings (from {@code --http} with {@code --token}, or from its own npc with
 * the regulator token that npc wrote) and prints the score. Exit 0 when the run
 * finished, 2 for bad input (scenario, options, an unreachable gateway).
 */
public final class SimulateMain {

  private static final Duration CONNECT = Duration.ofSeconds(10);
  private static final Duration NPC_START = Duration.ofMinutes(10);

  private SimulateMain() {}

  public static void main(String[] args) throws Exception {
    Map<String, String> o = options(args);
    if (!o.containsKey("scenario") || o.containsKey("target") != o.containsKey("pki")
        || o.containsKey("http") != o.containsKey("token")) {
      fail("usage: simulate --scenario FILE [--target HOST:PORT --pki DIR] [--out DIR] [--http URL --token FILE]"
          + " [--drain 60s]");
    }
    Scenario scenario;
    try {
      scenario = ScenarioLoader.load(Path.of(o.get("scenario")));
    } catch (ScenarioException e) {
      fail(o.get("scenario") + ": " + e.getMessage());
      return;
    }
    Path out = Path.of(o.getOrDefault("out", "simulation-" + scenario.name()));
    Files.createDirectories(out);
    Duration drain = Duration.ofSeconds(Long.parseLong(o.getOrDefault("drain", "60s").replace("s", "")));
    if (o.containsKey("target")) {
      runScenario(scenario, drain, o.get("target"), Path.of(o.get("pki")), out,
          o.containsKey("http") ? new Api(o.get("http"), Path.of(o.get("token"))) : null);
      if (o.containsKey("http")) {
        score(o.get("http"), Path.of(o.get("token")), out);
      }
      return;
    }
    String root = System.getProperty("npc.root");
    if (root == null) {
      fail("without --target the simulator starts an npc of its own through the npc script: run ./npc simulate");
    }
    System.out.println("simulate: starting an npc of its own (regime " + scenario.regime().id() + ") in "
        + out.resolve("npc"));
    try (OwnNpc npc = OwnNpc.start(Path.of(root), scenario.regime().id(), out.resolve("npc"), NPC_START)) {
      System.out.println("simulate: npc ready: gateway=" + npc.gateway() + " http=" + npc.http());
      Api api = new Api(o.getOrDefault("http", npc.http()),
          o.containsKey("token") ? Path.of(o.get("token")) : npc.regulatorToken());
      runScenario(scenario, drain, npc.gateway(), npc.pki(), out, api);
      score(api.http(), api.token(), out);
    }
  }

  /** Reads the findings and prints the score; exits 1 when the service cannot be read. */
  private static void score(String http, Path token, Path out) throws IOException, InterruptedException {
    Optional<String> findings;
    try {
      findings = RunFindings.read(http, token, out, System.err);
    } catch (IOException e) {
      System.err.println("simulate: the run is written to " + out + ", but the findings could not be read: "
          + e.getMessage());
      System.exit(1);
      return;
    }
    RunFindings.score(out, findings).report().forEach(System.out::println);
  }

  /**
   * The HTTP API as a regulator uses it: the service's address and a file holding a regulator's token.
   */
  record Api(String http, Path token) {}

  /**
   * Plays the scenario against the gateway at {@code gateway} with the carriers' certificates in {@code pki}, waits
   * up to {@code drain} for the attempts under way, and writes the outputs into {@code out}. With {@code api}, the
   * subscribers' complaints are filed and decided there; without it (null, or no readable token) they are only
   * counted.
   *
   * @return what the run measured
   */
  static Metrics runScenario(Scenario scenario, Duration drain, String gateway, Path pki, Path out, Api api)
      throws Exception {

    Population population = new Population(scenario.regime(), scenario.population(), scenario.seed());
    Map<String, Carrier> carriers = new LinkedHashMap<>();
    for (String id : scenario.regime().carriers()) {
      carriers.put(id, new Carrier(id, scenario.carrier(id), scenario.regime(), scenario.seed()));
    }
    Metrics metrics = new Metrics();
    ScheduledExecutorService timer = Executors.newScheduledThreadPool(4, r -> {
      Thread t = new Thread(r, "simulator-timer");
      t.setDaemon(true);
      return t;
    });
    Map<String, CarrierClient> clients = new HashMap<>();
    long started = System.nanoTime();
    try (Writer w = Files.newBufferedWriter(out.resolve("truth.jsonl"), StandardCharsets.UTF_8);
        TruthLog truth = new TruthLog(w)) {
      Regulator regulator = api == null || !Files.isReadable(api.token()) ? null
          : Regulator.of(api.http(), api.token(), metrics);
      Driver driver = new Driver(scenario, population, carriers, truth, metrics, timer,
          scenario.name() + "-" + System.currentTimeMillis(), regulator);
      // An interrupted run (Ctrl-C) still writes what it measured.
      Thread interrupted = new Thread(() -> {
        try {
          truth.flush();
          metrics.write(out, scenario.name(), (System.nanoTime() - started) / 1e9);
        } catch (IOException e) {
          System.err.println("simulate: cannot write the outputs: " + e.getMessage());
        }
      });
      Runtime.getRuntime().addShutdownHook(interrupted);
      for (String id : carriers.keySet()) {
        CarrierClient client = client(id, gateway, pki).listener(new CarrierAgent(id, driver))
            .routingStream(true).manualRoutingAcks(true).connect();
        client.routingMirror().addListener(new RouteAcknowledger(id, carriers.get(id), client::acknowledgeRoutes,
            timer, truth), timer);
        clients.put(id, client);
        driver.attach(id, client);
      }
      for (Map.Entry<String, CarrierClient> c : clients.entrySet()) {
        try {
          c.getValue().whenConnected().get(CONNECT.toSeconds(), TimeUnit.SECONDS);
        } catch (TimeoutException e) {
          fail("cannot reach the gateway at " + gateway + " as " + c.getKey() + " within "
              + CONNECT.toSeconds() + " s (is npc running, and is the PKI directory its own?)");
        }
      }
      int ported = Routes.sync(population, clients.values().iterator().next().routingMirror());
      System.out.println("simulate: " + ported + " subscribers already ported away in npc's routing database");
      play(driver, scenario);
      long drainUntil = System.nanoTime() + drain.toNanos();
      while (driver.active() > 0 && System.nanoTime() < drainUntil) {
        Thread.sleep(200);
      }
      System.out.println("simulate: drained, attempts still open=" + driver.active());
      Runtime.getRuntime().removeShutdownHook(interrupted);
      truth.flush();
      metrics.write(out, scenario.name(), (System.nanoTime() - started) / 1e9);
      metrics.print(System.out);
    } finally {
      clients.values().forEach(CarrierClient::close);
      timer.shutdownNow();
    }
    return metrics;
  }

  /** A client of carrier {@code id} for the gateway at {@code gateway} (HOST:PORT), its certificate from {@code pki}. */
  static CarrierClientBuilder client(String id, String gateway, Path pki) {
    String[] target = gateway.split(":");
    return CarrierClient.builder().gateway(target[0], Integer.parseInt(target[1]))
        .tls(ClientTls.fromPem(pki.resolve("carriers/" + id + ".pem"), pki.resolve("carriers/" + id + "-key.pem"),
            pki.resolve("ca.pem")))
        .clientName("npc-simulator", "1");
  }

  /** Open-loop arrivals: each is sent when the schedule says, whatever the answers to the earlier ones. */
  private static void play(Driver driver, Scenario scenario) {
    long start = System.nanoTime();
    long end = start + scenario.duration().toNanos();
    long at = start;
    for (long n = 0; ; n++) {
      at += driver.demand().gapNanos(n);
      if (at >= end) {
        return;
      }
      long wait = at - System.nanoTime();
      if (wait > 0) {
        LockSupport.parkNanos(wait);
      }
      driver.arrive(n);
    }
  }

  private static Map<String, String> options(String[] args) {
    Map<String, String> o = new HashMap<>();
    for (int i = 0; i < args.length; i++) {
      if (!args[i].startsWith("--") || i + 1 >= args.length) {
        fail("unexpected argument '" + args[i] + "'");
      }
      o.put(args[i].substring(2), args[++i]);
    }
    return o;
  }

  private static void fail(String message) {
    System.err.println("simulate: " + message);
    System.exit(2);
  }
}
