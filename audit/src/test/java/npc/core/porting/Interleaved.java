package npc.core.porting;

import com.datastax.oss.driver.api.core.CqlSession;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.DataFormatException;
import npc.audit.chain.ChainAppender;
import org.HdrHistogram.Histogram;

/**
 * Two modes measured in turns, each in its own client JVM and on its own embedded node, both alive through the whole
 * run: after both are warm, they take short slices of load in turns (A B B A A B ...), only one at a time, so that a
 * drift of the machine's speed over minutes, which moves one child of {@link Isolated} against the next by a fifth,
 * weighs on both modes alike.
 *
 * <p>Two figures, both printed. Each mode's rate is its lifecycles over the time of its own slices. And each mode's
 * processor time a lifecycle, its client's and its node's over the whole interleaved span, its idle slices included:
 * the work a mode leaves behind it (flushes, compactions) runs partly in the other mode's slices and slows them,
 * which makes the rates nearer each other than they are, but it is still counted against the mode that caused it.
 * Where the processors are the limit (the benchmark keeps both busy), the lifecycles/s a mode sustains go as one over
 * its processor time a lifecycle, and that is the second figure of the cost.
 *
 * <p>Arguments after {@code interleaved}: {@code [seconds a slice] [slices a mode] [workers] [warm-up seconds]
 * [modes]} (defaults 15, 20, 32, 150, {@code off+notices,on+notices}: the service as {@code CassandraStores} wires it,
 * which writes a notice before every step a carrier hears of).
 */
final class Interleaved {
  /** What a child prints in answer to a command, as against what it echoes. */
  private static final String ANSWER = "@@ ";

  private Interleaved() {}

  static void parent(String[] args) throws Exception {
    int slice = args.length > 0 ? Integer.parseInt(args[0]) : 15;
    int slices = args.length > 1 ? Integer.parseInt(args[1]) : 20;
    int workers = args.length > 2 ? Integer.parseInt(args[2]) : 32;
    int warmUp = args.length > 3 ? Integer.parseInt(args[3]) : 150;
    List<String> modes = List.of((args.length > 4 ? args[4] : "off+notices,on+notices").split(","));
    if (modes.size() != 2) {
      throw new IllegalArgumentException("two modes, one against the other: " + modes);
    }
    List<Child> children = new ArrayList<>();
    try {
      for (String mode : modes) {
        children.add(new Child(mode, Isolated.benchmark("serve", mode, String.valueOf(workers))));
      }
      for (Child child : children) {
        child.before = Double.parseDouble(child.ask("ceiling"));
      }
      for (Child child : children) {
        child.ask("warm " + warmUp);
      }
      // Each warmed again, shortly, so that neither starts cold from the other's warm-up.
      for (Child child : children) {
        child.ask("warm " + Math.min(30, warmUp));
      }
      children.forEach(child -> child.ask("begin"));
      List<double[]> pairs = new ArrayList<>();
      for (int i = 0; i < slices; i++) {
        double[] rates = new double[2];
        for (int k = 0; k < 2; k++) {
          int which = i % 2 == 0 ? k : 1 - k;
          rates[which] = Long.parseLong(children.get(which).ask("run " + slice)) / (double) slice;
        }
        pairs.add(rates);
        System.out.printf("slice %d: %s %.1f, %s %.1f lifecycles/s%n", i + 1, modes.get(0), rates[0], modes.get(1),
            rates[1]);
      }
      for (Child child : children) {
        child.result = Result.parse(child.ask("end"));
      }
      for (Child child : children) {
        child.after = Double.parseDouble(child.ask("ceiling"));
      }
      for (Child child : children) {
        child.quit();
      }
      print(children, pairs, slice, slices, workers, warmUp);
    } finally {
      for (Child child : children) {
        child.process.destroy();
        child.process.waitFor();
      }
    }
  }

  private static void print(List<Child> children, List<double[]> pairs, int slice, int slices, int workers,
      int warmUp) {
    Child base = children.get(0);
    Child other = children.get(1);
    for (Child child : children) {
      System.out.printf("%s: ceiling %.0f / %.0f conditional writes/s, before / after%n", child.mode, child.before,
          child.after);
      AuditCostBenchmark.print(child.mode, (double) child.result.done / (slice * slices), child.result.latency,
          workers);
      AuditCostBenchmark.printCpu(child.mode + ", over the whole span, idle slices included",
          child.result.clientNanos, child.result.nodeNanos, child.result.done);
      System.out.printf("%s: %d lifecycles failed%n", child.mode, child.result.failed);
    }
    double[] costs = pairs.stream().mapToDouble(rates -> 100 * (1 - rates[1] / rates[0])).toArray();
    double mean = Arrays.stream(costs).average().orElseThrow();
    double deviation = Math.sqrt(Arrays.stream(costs).map(c -> (c - mean) * (c - mean)).sum() / (costs.length - 1));
    System.out.printf("%s against %s, interleaved (%d slices of %d s a mode, after %d s of warm-up):%n", other.mode,
        base.mode, slices, slice, warmUp);
    System.out.printf("  by the rates in their own slices: %.1f%% fewer lifecycles/s (slice by slice: mean %.1f%%, "
        + "standard error %.1f points)%n", 100 * (1 - (double) other.result.done / base.result.done), mean,
        deviation / Math.sqrt(costs.length));
    System.out.printf("  by processor time a lifecycle: %+.1f%%, so %.1f%% fewer lifecycles/s where the processors "
        + "are the limit%n", 100 * (other.result.perLifecycle() / base.result.perLifecycle() - 1),
        100 * (1 - base.result.perLifecycle() / other.result.perLifecycle()));
  }

  /** A child serving one mode, asked over its standard input; what it prints besides its answers is echoed. */
  private static final class Child {
    final String mode;
    final Process process;
    final BufferedReader out;
    final PrintWriter in;
    double before;
    double after;
    Result result;

    Child(String mode, Process process) {
      this.mode = mode;
      this.process = process;
      this.out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
      this.in = new PrintWriter(process.getOutputStream(), true, StandardCharsets.UTF_8);
      answer(); // ready
    }

    String ask(String command) {
      in.println(command);
      return answer();
    }

    /** Asks the child to stop, echoes what it prints until it ended, and waits for it. */
    void quit() throws InterruptedException {
      in.println("quit");
      try {
        for (String line; (line = out.readLine()) != null; ) {
          System.out.println("  " + mode + " | " + line);
        }
      } catch (IOException e) {
        throw new IllegalStateException("the child of " + mode + " failed", e);
      }
      process.waitFor();
    }

    private String answer() {
      try {
        for (String line; (line = out.readLine()) != null; ) {
          if (line.startsWith(ANSWER)) {
            return line.substring(ANSWER.length());
          }
          System.out.println("  " + mode + " | " + line);
        }
      } catch (IOException e) {
        throw new IllegalStateException("the child of " + mode + " failed", e);
      }
      throw new IllegalStateException("the child of " + mode + " ended before it answered");
    }
  }

  /** What a child measured between {@code begin} and {@code end}. */
  private record Result(long done, long clientNanos, long nodeNanos, Histogram latency, long failed) {
    static Result parse(String line) {
      String[] f = line.split(" ");
      try {
        return new Result(Long.parseLong(f[0]), Long.parseLong(f[1]), Long.parseLong(f[2]), Isolated.decode(f[3]),
            Long.parseLong(f[4]));
      } catch (DataFormatException e) {
        throw new IllegalArgumentException("not a result: " + line, e);
      }
    }

    double perLifecycle() {
      return (double) (clientNanos + nodeNanos) / done;
    }
  }

  /**
   * The child: one mode on a fresh node, doing what its standard input asks and answering each command on a line of
   * its own: {@code ceiling} (the node's conditional writes/s over 20 s), {@code warm S} (S seconds of lifecycles, not
   * measured), {@code begin} (the processor time counted from here), {@code run S} (S seconds of lifecycles, measured;
   * the answer is how many completed), {@code end} (the result: lifecycles, the client's and the node's processor
   * nanoseconds since {@code begin}, the latency histogram, failures), {@code quit}.
   */
  static void serve(String[] args) throws Exception {
    String mode = args[0];
    int workers = Integer.parseInt(args[1]);
    try (Isolated.Node node = new Isolated.Node(mode)) {
      CqlSession session = node.database.session();
      LifecycleBenchmark.ConditionalWriteCounter requests = node.requests;
      Clock clock = Clock.systemUTC();
      ChainAppender chain = Isolated.chain(mode, session, clock);
      PortingService service = Isolated.service(mode, session, BenchLifecycles.regime(), chain, clock);
      AtomicLong numbers = new AtomicLong();
      Histogram latency = AuditCostBenchmark.histogram();
      AtomicLong failed = new AtomicLong();
      AuditCostBenchmark.Cpu cpu = new AuditCostBenchmark.Cpu();
      long unmeasured = 0;
      long done = 0;
      long ceilings = 0;
      Map<String, ThreadCpu.Ticks> nodeThreads = Map.of();
      BufferedReader commands = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
      answer("ready");
      for (String line; (line = commands.readLine()) != null && !line.equals("quit"); ) {
        String[] command = line.split(" ");
        switch (command[0]) {
          case "ceiling" -> answer(String.valueOf(AuditCostBenchmark.ceiling(session, 20, (++ceilings) << 40)));
          case "warm" -> {
            long warmed = AuditCostBenchmark.run(service, numbers, Integer.parseInt(command[1]), workers,
                AuditCostBenchmark.histogram());
            unmeasured += warmed;
            answer(String.valueOf(warmed));
          }
          case "begin" -> {
            requests.byStatement().clear();
            nodeThreads = ThreadCpu.read(cpu.node.pid());
            cpu.start();
            answer("begun");
          }
          case "run" -> {
            long slice = AuditCostBenchmark.run(service, numbers, Integer.parseInt(command[1]), workers, latency,
                failed);
            done += slice;
            answer(String.valueOf(slice));
          }
          case "end" -> {
            cpu.stop();
            ThreadCpu.print(mode + ": node", nodeThreads, ThreadCpu.read(cpu.node.pid()), done);
            requests.printPerLifecycle(done);
            LifecycleBenchmark.FAILURES.print(mode);
            if (chain != null) {
              AuditCostBenchmark.rows(session, chain.appended(), unmeasured + done);
            }
            answer(done + " " + cpu.clientNanos + " " + cpu.nodeNanos + " " + Isolated.encode(latency) + " "
                + failed.get());
          }
          default -> throw new IllegalArgumentException("no command " + line);
        }
      }
      if (chain != null) {
        chain.close();
      }
    }
  }

  private static void answer(String text) {
    System.out.println(ANSWER + text);
    System.out.flush();
  }
}
