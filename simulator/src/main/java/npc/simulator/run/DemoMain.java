package npc.simulator.run;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import npc.simulator.scenario.Scenario;
import npc.simulator.scenario.ScenarioException;
import npc.simulator.scenario.ScenarioLoader;

/**
 * {@code demo [--exit] [--out DIR]}: the shipped demo scenario (about a minute) against an npc of its own, then the
 * findings, the dashboard's address and the score; npc then keeps serving until Ctrl-C so that the dashboard can be
 * opened, or with {@code --exit} everything stops and the exit code is 0. Run by {@code ./npc demo}, which names
 * the checkout ({@code npc.root}): the scenario and the npc it starts are the checkout's own.
 */
public final class DemoMain {

  private static final Duration NPC_START = Duration.ofMinutes(10);
  private static final Duration DRAIN = Duration.ofSeconds(60);

  private DemoMain() {}

  public static void main(String[] args) throws Exception {
    String root = System.getProperty("npc.root");
    if (root == null) {
      fail("the demo starts npc through the npc script: run ./npc demo");
    }
    boolean exit = false;
    Path out = Path.of(root, "target", "npc-demo");
    for (int i = 0; i < args.length; i++) {
      if (args[i].equals("--exit")) {
        exit = true;
      } else if (args[i].equals("--out") && i + 1 < args.length) {
        out = Path.of(args[++i]);
      } else {
        fail("unexpected argument '" + args[i] + "'; usage: demo [--exit] [--out DIR]");
      }
    }
    Path file = Path.of(root, "simulator", "scenarios", "demo.yaml");
    Scenario scenario;
    try {
      scenario = ScenarioLoader.load(file);
    } catch (ScenarioException e) {
      fail(file + ": " + e.getMessage());
      return;
    }
    Files.createDirectories(out);
    System.out.println("demo: starting npc (regime " + scenario.regime().id() + ", its node and data in "
        + out.resolve("npc") + "); a first start takes a minute or two");
    OwnNpc npc = OwnNpc.start(Path.of(root), scenario.regime().id(), out.resolve("npc"), NPC_START);
    try {
      System.out.println("demo: npc ready: gateway=" + npc.gateway() + " http=" + npc.http());
      System.out.println("demo: playing " + scenario.name() + " for " + scenario.duration().toSeconds()
          + " s; the run's files go to " + out);
      SimulateMain.runScenario(scenario, DRAIN, npc.gateway(), npc.pki(), out,
          new SimulateMain.Api(npc.http(), npc.regulatorToken()));
      Optional<String> findings = RunFindings.read(npc.http(), npc.regulatorToken(), out, System.out);
      RunFindings.print(findings, System.out);
      String dashboard = dashboard(npc.http());
      System.out.println("demo: dashboard: " + dashboard);
      RunFindings.score(out, findings).report().forEach(System.out::println);
      if (exit) {
        return;
      }
      System.out.println("demo: npc keeps serving at " + dashboard + " until Ctrl-C");
      int code = npc.awaitExit();
      System.err.println("demo: npc stopped by itself (exit code " + code + "); see " + out.resolve("npc/npc.log"));
      System.exit(1);
    } finally {
      npc.close();
    }
    System.exit(0);
  }

  /** The service's HTTP address as {@code http://HOST:PORT/}: where the dashboard is served. */
  static String dashboard(String http) {
    return http.endsWith("/") ? http : http + "/";
  }

  private static void fail(String message) {
    System.err.println("demo: " + message);
    System.exit(2);
  }
}
