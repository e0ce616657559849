package npc.core.routing;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Lookups in a routing table of 10 million random Chinese mobile numbers, half of them hits and half misses, in
 * random order, one at a time and in batches of {@value #BATCH}: the rate one core can route at, and the memory
 * the table takes. See BENCHMARKS.md for how to run it. Its name does not end in Test or IT, so the build never
 * runs it.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@State(Scope.Benchmark)
@Fork(value = 1, jvmArgsAppend = "-Xmx4g")
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class RoutingTableBenchmark {
  static final int ENTRIES = 10_000_000;
  /** 2^22 keys, 32 MB: more than the caches hold, so lookups are not served by a repeated key's cache lines. */
  static final int KEYS = 1 << 22;
  /** Numbers per batch: what a carrier gateway's frame typically holds. */
  static final int BATCH = 100;
  private static final long SEED = 20_240_601;

  private RoutingTable table;
  private long[] keys;

  /** Where a thread is in the keys, and the answers of its last batch; each thread walks the keys on its own. */
  @State(Scope.Thread)
  public static class Cursor {
    int next;
    final int[] carriers = new int[BATCH];
  }

  @Setup
  public void load() {
    SplittableRandom random = new SplittableRandom(SEED);
    long[] numbers = new long[ENTRIES];
    table = load(random, numbers);
    keys = lookupKeys(random, numbers, table);
  }

  /** One lookup; JMH hands the result to a Blackhole, so it is never optimized away. */
  @Benchmark
  public int lookup(Cursor cursor) {
    return table.lookup(keys[cursor.next++ & (KEYS - 1)]);
  }

  /**
   * One batch of {@value #BATCH} consecutive keys, counted as {@value #BATCH} operations so that the score is
   * lookups per second, as for {@link #lookup}. The answers go to a Blackhole with the array.
   */
  @Benchmark
  @OperationsPerInvocation(BATCH)
  public int[] lookupBatch(Cursor cursor) {
    int from = cursor.next;
    // KEYS is not a multiple of BATCH: start again from the first key rather than wrap inside a batch.
    cursor.next = from + 2 * BATCH > KEYS ? 0 : from + BATCH;
    table.lookupAll(keys, from, from + BATCH, cursor.carriers);
    return cursor.carriers;
  }

  /** Runs both benchmarks as their annotations say, then prints the memory the same table takes. */
  public static void main(String[] args) throws RunnerException {
    Options options = new OptionsBuilder().include(RoutingTableBenchmark.class.getName() + ".lookup").build();
    for (RunResult result : new Runner(options).run()) {
      String method = result.getParams().getBenchmark();
      String kind = method.endsWith("Batch") ? "in batches of " + BATCH : "one at a time";
      System.out.printf("lookups per second, %s: %,.0f ± %,.0f (99.9%%)%n", kind,
          result.getPrimaryResult().getScore(), result.getPrimaryResult().getScoreError());
    }
    RoutingTable table = load(new SplittableRandom(SEED), new long[ENTRIES]);
    System.out.printf("bytes per entry: %.2f (%d entries, %.1f MB)%n", table.bytesPerEntry(), table.size(),
        table.memoryBytes() / 1e6);
  }

  /** Fills numbers with random Chinese mobile numbers and returns a table holding them with random carriers. */
  static RoutingTable load(SplittableRandom random, long[] numbers) {
    int[] carriers = new int[numbers.length];
    for (int i = 0; i < numbers.length; i++) {
      numbers[i] = chineseMobile(random);
      carriers[i] = random.nextInt(RoutingTable.MAX_CARRIER + 1);
    }
    return RoutingTable.of(numbers, carriers);
  }

  /** A random Chinese mobile number: country code 86, then 11 digits from 130 0000 0000 to 199 9999 9999. */
  static long chineseMobile(SplittableRandom random) {
    return 8_600_000_000_000L + random.nextLong(13_000_000_000L, 20_000_000_000L);
  }

  /** Half numbers of the table, half random Chinese mobile numbers that it does not hold, shuffled. */
  private static long[] lookupKeys(SplittableRandom random, long[] numbers, RoutingTable table) {
    long[] keys = new long[KEYS];
    for (int i = 0; i < KEYS; i += 2) {
      keys[i] = numbers[random.nextInt(numbers.length)];
      long miss;
      do {
        miss = chineseMobile(random);
      } while (table.lookup(miss) != RoutingTable.NOT_PORTED);
      keys[i + 1] = miss;
    }
    for (int i = KEYS - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      long swap = keys[i];
      keys[i] = keys[j];
      keys[j] = swap;
    }
    return keys;
  }
}
