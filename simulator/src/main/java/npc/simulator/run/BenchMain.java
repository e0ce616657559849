package npc.simulator.run;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.Locale;
import java.util.stream.Stream;
import npc.gateway.client.CarrierClient;
import npc.simulator.model.Population;
import npc.simulator.scenario.DemandSpec;
import npc.simulator.scenario.Scenario;
import npc.simulator.scenario.ScenarioLoader;
import org.HdrHistogram.Histogram;

/**
 * {@code bench [--duration D] [--out DIR]}: how fast the whole system is, measured as a carrier sees it. The fixed
 * honest scenario {@code scenarios/bench.yaml} is played against an npc of its own at rising offered loads (open
 * loop, {@code D} each, doubling from {@value #FIRST_LOAD} ports/s until a step does not keep up: fewer than
 * {@value #KEPT_UP} of its arrivals sent on schedule, or of those completed before the drain ran out); the highest
 * completed rate is the throughput. A last step at half that
 * rate gives the latencies, where npc is loaded but not saturated. Then routing lookups, and the storage ceiling:
 * conditional writes per second of npc's own node, measured in the same run ({@link LwtCeiling}). Progress goes
 * to standard error; standard output holds the figures, one line each.
 */
public final class BenchMain {

  private static final double FIRST_LOAD = 10;
  private static final double KEPT_UP = 0.8;
  private static final int MAX_STEPS = 6;
  private static final Duration DRAIN = Duration.ofSeconds(30);
  private static final Duration PROBE = Duration.ofSeconds(10);
  /** A pause after the step that saturated npc, so that the half-rate step does not measure its backlog. */
  private static final Duration SETTLE = Duration.ofSeconds(60);
  private static final Duration NPC_START = Duration.ofMinutes(10);
  /**
   * Conditional writes (Paxos rounds) of one port's lifecycle, as npc-core's {@code LifecycleBenchmark} counts them
   * through the driver (7.18 to 7.50 in npc-core/BENCHMARKS.md): the simulator cannot count them itself, since it
   * never sees npc's requests to Cassandra.
   */
  static final double CONDITIONAL_WRITES_PER_PORT = 7.5;

  private BenchMain() {}

  public static void main(String[] args) throws Exception {
    String root = System.getProperty("npc.root");
    if (root == null) {
      fail("the bench starts npc through the npc script: run ./npc bench");
    }
    Duration step = Duration.ofSeconds(20);
    Path out = Path.of(root, "target", "npc-bench");
    for (int i = 0; i < args.length; i++) {
      if (args[i].equals("--duration") && i + 1 < args.length) {
        step = seconds(args[++i]);
      } else if (args[i].equals("--out") && i + 1 < args.length) {
        out = Path.of(args[++i]);
      } else {
        fail("unexpected argument '" + args[i] + "'; usage: bench [--duration 20s] [--out DIR]");
      }
    }
    Scenario bench = ScenarioLoader.load(Path.of(root, "simulator", "scenarios", "bench.yaml"));
    PrintStream figures = System.out;
    System.setOut(System.err);  // the runs' own lines are progress; standard output keeps the figures
    Files.createDirectories(out);
    freshNode(out.resolve("npc/cassandra"));
    try (OwnNpc npc = OwnNpc.start(Path.of(root), bench.regime().id(), out.resolve("npc"), NPC_START)) {
      System.err.println("bench: npc ready: gateway=" + npc.gateway() + " http=" + npc.http());
      double best = 0;
      double load = FIRST_LOAD;
      int n = 0;
      for (; n < MAX_STEPS; n++, load *= 2) {
        Step s = step(bench, n, load, step, npc, out);
        best = Math.max(best, s.completedPerSecond());
        if (!s.keptUp()) {
          System.err.println("bench: letting npc work off the backlog of the step that did not keep up for "
              + SETTLE.toSeconds() + " s");
          Thread.sleep(SETTLE.toMillis());
          break;
        }
      }
      Step half = step(bench, n + 1, best / 2, step, npc, out);
      double lookups;
      try (CarrierClient client = SimulateMain.client("CM", npc.gateway(), npc.pki()).routingStream(false)
          .connect()) {
        Population population = new Population(bench.regime(), bench.population(), bench.seed());
        int size = population.size();
        lookups = Lookups.measure(client, k -> population.msisdn((int) (k % size)), PROBE);
      }
      System.err.println("bench: measuring the storage ceiling on npc's node at " + npc.cql());
      double ceiling = LwtCeiling.measure(npc.cql(), PROBE.dividedBy(2));
      Histogram submit = half.metrics().histogram("submit_ack");
      Histogram broadcast = half.metrics().histogram("broadcast_ack");
      figures.printf(Locale.ROOT, "bench: completed_ports_per_s=%.1f%n", best);
      figures.printf(Locale.ROOT, "bench: submit_ack_p50_ms=%.1f p99_ms=%.1f p999_ms=%.1f samples=%d%n",
          ms(submit, 50), ms(submit, 99), ms(submit, 99.9), submit.getTotalCount());
      figures.printf(Locale.ROOT, "bench: broadcast_ack_p99_ms=%.1f%n", ms(broadcast, 99));
      figures.printf(Locale.ROOT, "bench: lookups_per_s=%.1f%n", lookups);
      figures.printf(Locale.ROOT, "bench: cassandra_lwt_ceiling_per_s=%.1f%n", ceiling);
      figures.printf(Locale.ROOT, "bench: ratio=%.3f%n", best * CONDITIONAL_WRITES_PER_PORT / ceiling);
    }
    System.exit(0);
  }

  /**
   * Step {@code n}: the bench scenario at {@code load} ports/s for {@code duration}, with its own outputs. Each step
   * draws from its own seed: with the same one its arrivals would be the subscribers an earlier step just ported,
   * whom the regime's lock period keeps from porting again.
   */
  private static Step step(Scenario bench, int n, double load, Duration duration, OwnNpc npc, Path out)
      throws Exception {
    DemandSpec d = bench.demand();
    String name = String.format(Locale.ROOT, "bench-%.1f", load);
    Scenario s = new Scenario(name, bench.seed() + n, bench.regime(), duration, bench.population(),
        new DemandSpec(load, d.destination(), d.eligibilityQueryFirst(), d.retryAfterRejection(), d.retryDelay(),
            d.complaintAfterRejection(), d.cancel()), bench.carriers());
    Path dir = Files.createDirectories(out.resolve(name));
    long start = System.nanoTime();
    Metrics metrics = SimulateMain.runScenario(s, DRAIN, npc.gateway(), npc.pki(), dir, null);
    double seconds = (System.nanoTime() - start) / 1e9;
    long arrivals = metrics.get("arrivals");
    long completed = metrics.get("ports_completed");
    boolean keptUp = keptUp(arrivals, completed, load, duration);
    double rate = completed / (keptUp ? duration.toSeconds() : seconds);
    System.err.printf(Locale.ROOT, "bench: step offered=%.1f/s arrivals=%d completed=%d in %.1f s: %.1f ports/s%s%n",
        load, arrivals, completed, seconds, rate, keptUp ? "" : " (did not keep up)");
    return new Step(load, rate, keptUp, metrics);
  }

  /**
   * Whether a step kept up: its arrivals went out on schedule and (nearly) all of them completed before the drain
   * ran out. Its rate is then its completed ports over the arrivals' window: a port lasts seconds by the regime's
   * timers, so the time the last ones take to finish is latency, not capacity. A step that did not keep up is held
   * to its whole time, drain included, which can only understate it.
   */
  static boolean keptUp(long arrivals, long completed, double load, Duration window) {
    return arrivals >= KEPT_UP * load * window.toSeconds() && completed >= KEPT_UP * arrivals;
  }

  /**
   * Deletes the node an earlier bench left in {@code node}, if it is one (it holds the configuration npc writes):
   * each bench starts on an empty node, so that runs compare, and so that its subscribers are not ones an earlier
   * run ported, whom the regime's lock period would keep from porting again.
   */
  private static void freshNode(Path node) throws IOException {
    if (!Files.exists(node.resolve("conf/cassandra.yaml"))) {
      return;
    }
    try (Stream<Path> files = Files.walk(node)) {
      for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }

  private static double ms(Histogram h, double percentile) {
    return h.getValueAtPercentile(percentile) / 1000.0;
  }

  private static Duration seconds(String text) {
    try {
      return text.endsWith("m") ? Duration.ofMinutes(Long.parseLong(text.substring(0, text.length() - 1)))
          : Duration.ofSeconds(Long.parseLong(text.replaceFirst("s$", "")));
    } catch (NumberFormatException e) {
      fail("--duration takes seconds or minutes, such as 20s or 2m, not '" + text + "'");
      return Duration.ZERO;
    }
  }

  private static void fail(String message) {
    System.err.println("bench: " + message);
    System.exit(2);
  }

  /** What one step of offered load achieved. */
  private record Step(double offered, double completedPerSecond, boolean keptUp, Metrics metrics) {}
}
