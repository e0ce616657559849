package npc.gateway.server.e2e;

import com.sun.management.OperatingSystemMXBean;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.Stream;
import npc.core.carrier.CarrierId;
import npc.core.identity.SubscriberIdentity;
import npc.core.porting.Port;
import npc.core.porting.PortOutcome;
import npc.core.porting.PortingService;
import npc.core.porting.SubmitPort;
import npc.core.porting.SubscriberType;
import npc.core.routing.RoutingDatabase;
import npc.core.store.CassandraRouteSnapshots;
import npc.core.store.CassandraRoutingLog;
import npc.gateway.client.CarrierClient;
import npc.gateway.client.CarrierListener;
import npc.gateway.client.ClientTls;
import npc.gateway.protocol.v1.Envelope;
import npc.gateway.protocol.v1.Header;
import npc.gateway.protocol.v1.LookupResult;
import npc.gateway.protocol.v1.RoutingLookupRequest;
import npc.gateway.protocol.v1.RoutingLookupResponse;
import npc.gateway.server.handler.RoutingLookupHandler;
import npc.gateway.server.session.Session;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * Routing lookups per second through the gateway: carriers' SDK clients over loopback TLS, 100 numbers a frame,
 * each client keeping a fixed number of lookups in flight (closed loop), on one gateway instance whose routing
 * database holds a few hundred numbers ported through the porting service on the embedded test node. Printed
 * beside the same lookups run in process on one thread (request parsed, handler, response serialised: no TLS,
 * no network, no SDK), measured in the same run, and with where the processor time went.
 *
 * <p>Not a test: a program. Run: see carrier-gateway/BENCHMARKS.md. Arguments: {@code [seconds] [warm-up seconds]}
 * per configuration (defaults 8 and 2).
 */
public final class LookupBenchmark {
  private static final int PORTED = 200;
  private static final int FRAME = 100;
  private static final int FRAMES = 1_000;
  private static final int PORTED_PER_FRAME = 10;
  /** (clients, lookups in flight per client), in the order run. */
  private static final int[][] CONFIGS = {{1, 1}, {1, 16}, {2, 16}, {4, 16}, {4, 64}};
  private static final List<String> CLIENT_CARRIERS = List.of("CM", "CU", "CT", "CBN");
  private static final List<String> PREFIXES = List.of("130", "131", "132", "133", "135", "136", "137", "138",
      "139", "150", "151", "152", "153", "155", "156", "166", "172", "173", "175", "176", "177", "178", "180",
      "181", "182", "183", "184", "185", "186", "187", "188", "189", "190", "191", "192", "193", "195", "196",
      "197", "198", "199");
  private static final SubscriberIdentity SUBSCRIBER = new SubscriberIdentity("Bench Subscriber",
      "110101199001010000");

  private LookupBenchmark() {}

  public static void main(String[] args) throws Exception {
    int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 8;
    int warmup = args.length > 1 ? Integer.parseInt(args[1]) : 2;
    int status = 0;
    Path dir = Files.createTempDirectory("npc-lookup-bench");
    List<CarrierClient> clients = new ArrayList<>();
    try {
      header("routing lookups over loopback TLS, " + FRAME + " numbers a frame");
      long startedAt = System.nanoTime();
      try (GatewayHarness harness = new GatewayHarness("lookup_bench", dir)) {
        System.out.printf("embedded node and schema ready in %.1f s%n", (System.nanoTime() - startedAt) / 1e9);
        GatewayHarness.Instance instance = harness.startInstance();
        List<String> ported = portNumbers(harness, PORTED);
        List<List<String>> frames = frames(ported);

        for (String carrier : CLIENT_CARRIERS) {
          clients.add(connect(harness, instance, carrier));
        }
        verify(clients.get(0), ported);

        run("warm-up (not reported)", clients, 4, 16, frames, 0, Math.max(5, warmup));
        inProcess(harness, frames);
        for (int[] config : CONFIGS) {
          run(null, clients, config[0], config[1], frames, warmup, seconds);
        }
        System.out.println("goal: >= 1,000,000 numbers/s");
      } finally {
        for (CarrierClient client : clients) {
          client.close();
        }
      }
    } catch (Throwable t) {
      t.printStackTrace();
      status = 1;
    } finally {
      delete(dir);
    }
    // The embedded node's threads are not daemons; its shutdown hook stops it. Everything else is closed above.
    System.exit(status);
  }

  // ------------------------------------------------------------------------------------------ preparation

  /**
   * {@code count} numbers of CM's block 139 ported to CU, CT and CBN in turn through the porting service: code,
   * request, acceptance, activation (the test clock moved to the activation time, the deadlines fired).
   */
  private static List<String> portNumbers(GatewayHarness harness, int count) throws Exception {
    long t0 = System.nanoTime();
    PortingService service = harness.service();
    CarrierId donor = new CarrierId("CM");
    List<CarrierId> recipients = List.of(new CarrierId("CU"), new CarrierId("CT"), new CarrierId("CBN"));
    List<String> numbers = new ArrayList<>();
    for (int i = 1; i <= count; i++) {
      numbers.add(String.format("+86139%08d", i));
    }
    AtomicLong latestActivation = new AtomicLong();
    ExecutorService pool = Executors.newFixedThreadPool(32);
    List<Future<?>> done = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      String number = numbers.get(i);
      CarrierId recipient = recipients.get(i % recipients.size());
      String key = "lookup-bench-" + i;
      done.add(pool.submit(() -> {
        String code = service.issueCode(donor, number, SUBSCRIBER).value().code();
        PortOutcome outcome = service.submit(new SubmitPort(recipient, key, number, "o-" + key, "bench",
            SubscriberType.INDIVIDUAL, SUBSCRIBER, code)).value();
        Port port = ((PortOutcome.Opened) outcome).port();
        Port accepted = service.answer(new npc.core.porting.DonorAnswer.Accept(donor, port.id(), List.of())).value();
        latestActivation.accumulateAndGet(accepted.activationAt().orElseThrow().toEpochMilli(), Math::max);
      }));
    }
    for (Future<?> f : done) {
      f.get();
    }
    pool.shutdown();
    double accepting = (System.nanoTime() - t0) / 1e9;
    harness.clock.set(Instant.ofEpochMilli(latestActivation.get()));
    int fired = 0;
    for (int n = service.fireDueDeadlines(); n > 0; n = service.fireDueDeadlines()) {
      fired += n;
    }
    System.out.printf("routing database: %d numbers ported through the service (code, request, acceptance, "
        + "activation; %d deadlines fired) in %.1f s, %.1f s of it to accept them all%n", count, fired,
        (System.nanoTime() - t0) / 1e9, accepting);
    return numbers;
  }

  /**
   * {@value #FRAMES} frames of {@value #FRAME} numbers each: {@value #PORTED_PER_FRAME} ported numbers, the rest
   * random numbers of portable 11-digit blocks of every carrier (fixed seed), shuffled.
   */
  private static List<List<String>> frames(List<String> ported) {
    Random random = new Random(42);
    List<List<String>> frames = new ArrayList<>();
    for (int f = 0; f < FRAMES; f++) {
      List<String> frame = new ArrayList<>(FRAME);
      for (int i = 0; i < PORTED_PER_FRAME; i++) {
        frame.add(ported.get(random.nextInt(ported.size())));
      }
      while (frame.size() < FRAME) {
        frame.add(String.format("+86%s%08d", PREFIXES.get(random.nextInt(PREFIXES.size())),
            random.nextInt(100_000_000)));
      }
      Collections.shuffle(frame, random);
      frames.add(List.copyOf(frame));
    }
    return frames;
  }

  /** Waits until the gateway's routing database routes every ported number to its new carrier. */
  private static void verify(CarrierClient client, List<String> ported) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (true) {
      int routed = 0;
      for (int i = 0; i < ported.size(); i += FRAME) {
        RoutingLookupResponse response = client.lookUpRoutes(ported.subList(i, Math.min(ported.size(), i + FRAME)))
            .get(30, TimeUnit.SECONDS);
        for (LookupResult result : response.getResultsList()) {
          if (result.getValid() && result.getPorted() && !result.getCarrier().equals("CM")) {
            routed++;
          }
        }
      }
      if (routed == ported.size()) {
        System.out.printf("gateway routes all %d ported numbers away from CM%n", routed);
        return;
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("the gateway routes only " + routed + " of " + ported.size()
            + " ported numbers after 30 s");
      }
      Thread.sleep(100);
    }
  }

  private static CarrierClient connect(GatewayHarness harness, GatewayHarness.Instance instance, String carrier)
      throws Exception {
    CarrierClient client = CarrierClient.builder()
        .gateway("127.0.0.1", instance.gateway().address().getPort())
        .tls(ClientTls.fromPem(harness.pki.carrierCertificate(carrier), harness.pki.carrierKey(carrier),
            harness.pki.caCertificate()))
        .listener(new Silent())
        .routingStream(false)
        .clientName("lookup-benchmark", "1")
        .requestTimeout(Duration.ofSeconds(20))
        .connect();
    client.whenConnected().get(30, TimeUnit.SECONDS);
    return client;
  }

  // ------------------------------------------------------------------------------------------ measurements

  /**
   * The gateway's handler on this thread, in a loop over the same frames: the request envelope parsed from its
   * bytes, {@link RoutingLookupHandler#handle}, the response envelope serialised. Its own routing database
   * loaded from the same keyspace, as the gateway loads its own.
   */
  private static void inProcess(GatewayHarness harness, List<List<String>> frames) {
    CassandraRoutingLog log = new CassandraRoutingLog(harness.database.session(), harness.regime.numbers());
    RoutingDatabase routes = RoutingDatabase.load(harness.regime.numbers(), harness.regime.carriers(),
        new CassandraRouteSnapshots(harness.database.session(), harness.regime.numbers()), log);
    RoutingLookupHandler handler = new RoutingLookupHandler(harness.regime.numbers(), routes);
    Session session = new Session(new CarrierId("CU"), 1);
    List<byte[]> requests = new ArrayList<>();
    for (List<String> frame : frames) {
      requests.add(Envelope.newBuilder().setHeader(Header.newBuilder().setProtocolVersion(1).setCorrelationId("c-1"))
          .setRoutingLookup(RoutingLookupRequest.newBuilder().addAllMsisdns(frame)).build().toByteArray());
    }
    long sink = 0;
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(3);
    int i = 0;
    while (System.nanoTime() < end) { // warm-up
      sink += serve(handler, session, requests.get(i++ % requests.size()));
    }
    long frameCount = 0;
    ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    long cpu0 = mx.getCurrentThreadCpuTime();
    long start = System.nanoTime();
    end = start + TimeUnit.SECONDS.toNanos(3);
    while (System.nanoTime() < end) {
      sink += serve(handler, session, requests.get(i++ % requests.size()));
      frameCount++;
    }
    double elapsed = (System.nanoTime() - start) / 1e9;
    double cpu = (mx.getCurrentThreadCpuTime() - cpu0) / 1e9;
    if (sink != 0) {
      throw new IllegalStateException("empty responses");
    }
    System.out.printf("in process, one thread (parse request, handler, serialise response; no TLS, network or "
        + "SDK): %,.0f numbers/s (%,d frames in %.2f s), %,.0f numbers per second of the thread's own processor "
        + "time (it ran %.2f s of the %.2f)%n", frameCount * FRAME / elapsed, frameCount, elapsed,
        frameCount * FRAME / cpu, cpu, elapsed);
  }

  private static long serve(RoutingLookupHandler handler, Session session, byte[] request) {
    try {
      Envelope envelope = Envelope.parseFrom(request);
      Envelope response = handler.handle(session, envelope).setHeader(envelope.getHeader()).build();
      return response.toByteArray().length > 0 ? 0 : 1;
    } catch (com.google.protobuf.InvalidProtocolBufferException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Closed loop: each of {@code clientCount} clients keeps {@code depth} lookups in flight. */
  private static void run(String label, List<CarrierClient> clients, int clientCount, int depth,
      List<List<String>> frames, int warmupSeconds, int seconds) throws Exception {
    Load load = new Load(frames);
    for (int c = 0; c < clientCount; c++) {
      for (int d = 0; d < depth; d++) {
        load.active.incrementAndGet();
        load.send(clients.get(c));
      }
    }
    Thread.sleep(TimeUnit.SECONDS.toMillis(warmupSeconds));
    long numbers0 = load.numbers.sum();
    long frames0 = load.answered.sum();
    long failures0 = load.failures.sum();
    load.latency.reset();
    Cpu cpu0 = Cpu.take();
    long start = System.nanoTime();
    Thread.sleep(TimeUnit.SECONDS.toMillis(seconds));
    long numbers = load.numbers.sum() - numbers0;
    long frameCount = load.answered.sum() - frames0;
    long failures = load.failures.sum() - failures0;
    double elapsed = (System.nanoTime() - start) / 1e9;
    Histogram latency = load.latency.getIntervalHistogram();
    Cpu cpu1 = Cpu.take();
    load.stop = true;
    long stopDeadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (load.active.get() > 0 && System.nanoTime() < stopDeadline) {
      Thread.sleep(10);
    }
    String what = label != null ? label : String.format("%d client%s x %d in flight", clientCount,
        clientCount == 1 ? "" : "s", depth);
    System.out.printf("%-28s %,11.0f numbers/s  (%,d numbers = %,d frames in %.2f s; %d failed)  frame round "
        + "trip ms p50 %.2f p99 %.2f max %.2f (n=%d)%n", what + ":", numbers / elapsed, numbers, frameCount, elapsed,
        failures, ms(latency.getValueAtPercentile(50)), ms(latency.getValueAtPercentile(99)),
        ms(latency.getMaxValue()), latency.getTotalCount());
    System.out.println("    " + cpu1.since(cpu0));
    double gatewayIo = cpu1.threadNanos(cpu0, "npc-gateway-io-#") / 1e9;
    double all = (cpu1.process() - cpu0.process()) / 1e9;
    System.out.printf("    numbers per processor-second: gateway's event loops %,.0f, this whole JVM (client and "
        + "gateway) %,.0f%n", numbers / gatewayIo, numbers / all);
  }

  /** Hears nothing: the SDK still acknowledges every notification. */
  static final class Silent implements CarrierListener {}

  /** One closed-loop load: chains of lookups, each sending its next when its last one is answered. */
  private static final class Load {
    final List<List<String>> frames;
    final AtomicLong next = new AtomicLong();
    final LongAdder numbers = new LongAdder();
    final LongAdder answered = new LongAdder();
    final LongAdder failures = new LongAdder();
    final Recorder latency = new Recorder(TimeUnit.MINUTES.toNanos(1), 3);
    final AtomicInteger active = new AtomicInteger();
    volatile boolean stop;

    Load(List<List<String>> frames) {
      this.frames = frames;
    }

    void send(CarrierClient client) {
      if (stop || failures.sum() > 10_000) {
        active.decrementAndGet();
        return;
      }
      List<String> frame = frames.get((int) (next.getAndIncrement() % frames.size()));
      long t0 = System.nanoTime();
      CompletableFuture<RoutingLookupResponse> answer;
      try {
        answer = client.lookUpRoutes(frame);
      } catch (RuntimeException e) {
        failures.increment();
        active.decrementAndGet();
        return;
      }
      answer.whenComplete((response, failure) -> {
        if (failure == null && response.getResultsCount() == frame.size()) {
          latency.recordValue(System.nanoTime() - t0);
          numbers.add(frame.size());
          answered.increment();
        } else {
          failures.increment();
        }
        send(client);
      });
    }
  }

  // ------------------------------------------------------------------------------------------ reporting

  static void header(String what) throws IOException {
    System.out.printf("%s — %s%n", what, LocalDateTime.now().withNano(0));
    System.out.printf("machine: %d available processors; JVM: %s %s (%s), max heap %d MB%n",
        Runtime.getRuntime().availableProcessors(), System.getProperty("java.vm.name"),
        System.getProperty("java.vm.version"), System.getProperty("java.vm.vendor"),
        Runtime.getRuntime().maxMemory() >> 20);
    Path pressure = Path.of("/proc/pressure/cpu");
    if (Files.isReadable(pressure)) {
      System.out.printf("CPU pressure before the run (/proc/pressure/cpu): %s%n",
          Files.readAllLines(pressure).get(0));
    }
  }

  private static double ms(long nanos) {
    return nanos / 1e6;
  }

  static void delete(Path dir) {
    try (Stream<Path> tree = Files.walk(dir)) {
      tree.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      System.err.println("could not delete " + dir + ": " + e);
    }
  }

  /**
   * Processor time at one instant: this process's, its child processes' (the embedded node runs in one), the
   * machine's (from /proc/stat), and each thread's of this JVM, grouped by name with the digits taken out.
   */
  record Cpu(long wall, long process, long children, long[] machine, Map<String, Long> threads) {
    static Cpu take() {
      ThreadMXBean mx = ManagementFactory.getThreadMXBean();
      Map<String, Long> threads = new TreeMap<>();
      long[] ids = mx.getAllThreadIds();
      ThreadInfo[] infos = mx.getThreadInfo(ids);
      for (int i = 0; i < ids.length; i++) {
        long t = mx.getThreadCpuTime(ids[i]);
        if (infos[i] != null && t > 0) {
          threads.merge(infos[i].getThreadName().replaceAll("\\d+", "#"), t, Long::sum);
        }
      }
      long process = ((OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
      long children = ProcessHandle.current().descendants()
          .mapToLong(p -> p.info().totalCpuDuration().map(Duration::toNanos).orElse(0L)).sum();
      return new Cpu(System.nanoTime(), process, children, readMachine(), threads);
    }

    /** busy (user, nice, system, irq, softirq), steal, total jiffies of all processors. */
    private static long[] readMachine() {
      try {
        String[] f = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
        long busy = Long.parseLong(f[1]) + Long.parseLong(f[2]) + Long.parseLong(f[3]) + Long.parseLong(f[6])
            + Long.parseLong(f[7]);
        long steal = Long.parseLong(f[8]);
        long total = busy + steal + Long.parseLong(f[4]) + Long.parseLong(f[5]);
        return new long[] {busy, steal, total};
      } catch (IOException | RuntimeException e) {
        return new long[] {0, 0, 0};
      }
    }

    /** Processor nanoseconds the threads of {@code group} used between {@code before} and this. */
    long threadNanos(Cpu before, String group) {
      return threads.getOrDefault(group, 0L) - before.threads.getOrDefault(group, 0L);
    }

    /** Processors' worth of time used between {@code before} and this: process, machine, the busiest threads. */
    String since(Cpu before) {
      double wallNanos = wall - before.wall;
      int cpus = Runtime.getRuntime().availableProcessors();
      double total = machine[2] - before.machine[2];
      StringBuilder text = new StringBuilder();
      text.append(String.format("cpu (processors busy): this JVM %.2f, embedded node (child process) %.2f",
          (process - before.process) / wallNanos, (children - before.children) / wallNanos));
      if (total > 0) {
        text.append(String.format(", whole machine %.2f of %d (steal %.2f)",
            cpus * (machine[0] - before.machine[0]) / total, cpus, cpus * (machine[1] - before.machine[1]) / total));
      }
      text.append("; threads:");
      threads.entrySet().stream()
          .map(e -> Map.entry(e.getKey(), e.getValue() - before.threads.getOrDefault(e.getKey(), 0L)))
          .filter(e -> e.getValue() / wallNanos >= 0.02)
          .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
          .limit(8)
          .forEach(e -> text.append(String.format(" %s %.2f,", e.getKey(), e.getValue() / wallNanos)));
      text.setLength(text.length() - 1);
      return text.toString();
    }
  }
}
