package npc.core.routing;

import static npc.core.routing.RoutingTable.NOT_PORTED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class RoutingTableTest {
  private static final long CHINA_MOBILE = 8613800138000L;
  private static final long INDIA_MOBILE = 919876543210L;

  @Test
  void anEmptyTableHasNoEntries() {
    RoutingTable table = RoutingTable.empty();

    assertThat(table.size()).isZero();
    assertThat(table.lookup(CHINA_MOBILE)).isEqualTo(NOT_PORTED);
    assertThat(table.lookup(INDIA_MOBILE)).isEqualTo(NOT_PORTED);
    assertThat(table.bytesPerEntry()).isZero();
    assertThat(table.memoryBytes()).isPositive();
  }

  @Test
  void aBulkLoadedTableFindsItsNumbersAndNothingElse() {
    // Unsorted, several numbers in one block, and numbers either side of a block boundary (multiples of 2^14).
    long boundary = (CHINA_MOBILE >>> 14 << 14) + (1 << 14);
    long[] numbers = {CHINA_MOBILE + 7, CHINA_MOBILE, boundary, CHINA_MOBILE + 2, boundary - 1, 8619999999999L,
        8613000000000L};
    int[] carriers = {5, 1, 7, 2, 6, 254, 0};

    RoutingTable table = RoutingTable.of(numbers, carriers);

    assertThat(table.size()).isEqualTo(7);
    for (int i = 0; i < numbers.length; i++) {
      assertThat(table.lookup(numbers[i])).as("carrier of %d", numbers[i]).isEqualTo(carriers[i]);
    }
    assertThat(table.lookup(CHINA_MOBILE + 1)).as("between two numbers of a block").isEqualTo(NOT_PORTED);
    assertThat(table.lookup(CHINA_MOBILE - 1)).as("before the first number of a block").isEqualTo(NOT_PORTED);
    assertThat(table.lookup(CHINA_MOBILE + 8)).as("after the last number of a block").isEqualTo(NOT_PORTED);
    assertThat(table.lookup(boundary + 1)).as("just past a block boundary").isEqualTo(NOT_PORTED);
    assertThat(table.lookup(boundary - 2)).as("just before a block boundary").isEqualTo(NOT_PORTED);
    assertThat(table.lookup(8613900000000L)).as("in a block without entries").isEqualTo(NOT_PORTED);
  }

  @Test
  void theLastOfSeveralBulkEntriesForOneNumberWins() {
    RoutingTable table = RoutingTable.of(new long[] {CHINA_MOBILE, CHINA_MOBILE + 1, CHINA_MOBILE, CHINA_MOBILE},
        new int[] {1, 9, 3, 2});

    assertThat(table.lookup(CHINA_MOBILE)).isEqualTo(2);
    assertThat(table.lookup(CHINA_MOBILE + 1)).isEqualTo(9);
    assertThat(table.size()).isEqualTo(2);
  }

  @Test
  void aPutOverridesTheLoadedCarrierAndAddsNewNumbers() {
    RoutingTable table = RoutingTable.of(new long[] {CHINA_MOBILE}, new int[] {1});

    table.put(CHINA_MOBILE, 4);
    table.put(CHINA_MOBILE + 1, 5);
    table.put(CHINA_MOBILE + 1, 5);

    assertThat(table.lookup(CHINA_MOBILE)).isEqualTo(4);
    assertThat(table.lookup(CHINA_MOBILE + 1)).isEqualTo(5);
    assertThat(table.size()).isEqualTo(2);
  }

  @Test
  void aRemovedNumberIsNotPortedUntilItIsPortedAgain() {
    RoutingTable table = RoutingTable.of(new long[] {CHINA_MOBILE, CHINA_MOBILE + 1}, new int[] {1, 2});

    table.remove(CHINA_MOBILE);
    table.remove(CHINA_MOBILE);
    table.remove(CHINA_MOBILE + 5);

    assertThat(table.lookup(CHINA_MOBILE)).isEqualTo(NOT_PORTED);
    assertThat(table.lookup(CHINA_MOBILE + 1)).isEqualTo(2);
    assertThat(table.size()).isEqualTo(1);

    table.put(CHINA_MOBILE, 3);

    assertThat(table.lookup(CHINA_MOBILE)).isEqualTo(3);
    assertThat(table.size()).isEqualTo(2);
  }

  @Test
  void indianAndChineseNumbersLiveSideBySide() {
    RoutingTable table = RoutingTable.of(new long[] {INDIA_MOBILE, CHINA_MOBILE}, new int[] {10, 20});
    table.put(INDIA_MOBILE + 1, 11);
    table.put(447700900123L, 30);

    assertThat(table.lookup(INDIA_MOBILE)).isEqualTo(10);
    assertThat(table.lookup(INDIA_MOBILE + 1)).isEqualTo(11);
    assertThat(table.lookup(CHINA_MOBILE)).isEqualTo(20);
    assertThat(table.lookup(447700900123L)).isEqualTo(30);
    assertThat(table.lookup(919876543211L + 1)).isEqualTo(NOT_PORTED);
    assertThat(table.lookup(RoutingTable.MAX_NUMBER)).isEqualTo(NOT_PORTED);
    assertThat(table.lookup(1)).isEqualTo(NOT_PORTED);
  }

  @Test
  void theShortestAndLongestNumbersAreKept() {
    RoutingTable table = RoutingTable.of(new long[] {1, RoutingTable.MAX_NUMBER}, new int[] {0, 254});

    assertThat(table.lookup(1)).isZero();
    assertThat(table.lookup(RoutingTable.MAX_NUMBER)).isEqualTo(254);
  }

  @Test
  void everyNumberOfADenselyPortedRangeIsFound() {
    // Every number of one range and every third of another: the densest data, with the smallest blocks.
    int n = 150_000;
    long[] numbers = new long[n];
    int[] carriers = new int[n];
    for (int i = 0; i < 100_000; i++) {
      numbers[i] = CHINA_MOBILE + i;
      carriers[i] = i % 255;
    }
    for (int i = 100_000; i < n; i++) {
      numbers[i] = INDIA_MOBILE + 3L * i;
      carriers[i] = 254 - i % 255;
    }

    RoutingTable table = RoutingTable.of(numbers, carriers);

    for (int i = 0; i < n; i++) {
      assertThat(table.lookup(numbers[i])).as("carrier of %d", numbers[i]).isEqualTo(carriers[i]);
    }
    assertThat(table.lookup(CHINA_MOBILE - 1)).isEqualTo(NOT_PORTED);
    assertThat(table.lookup(CHINA_MOBILE + 100_000)).isEqualTo(NOT_PORTED);
    assertThat(table.lookup(INDIA_MOBILE + 3L * 100_000 + 1)).isEqualTo(NOT_PORTED);
  }

  @Test
  void theMemoryCountsTheOverlayOfRecentUpdates() {
    RoutingTable table = RoutingTable.of(new long[] {CHINA_MOBILE}, new int[] {1});
    long loaded = table.memoryBytes();

    for (int i = 1; i <= 1_000; i++) {
      table.put(CHINA_MOBILE + 1_000L * i, 2);
    }

    // 1,000 numbers need an overlay of 2,048 slots of 9 bytes, where the loaded table had one of 16.
    assertThat(table.memoryBytes() - loaded).isGreaterThanOrEqualTo((2_048 - 16) * 9);
    assertThat(table.bytesPerEntry()).isEqualTo((double) table.memoryBytes() / 1_001);
  }

  @Test
  void manyUpdatesAcrossMergesAgreeWithAHashMap() {
    // A small merge threshold makes the 200,000 operations cross it hundreds of times.
    checkAgainstModel(500, 100_000, 300_000);
  }

  @Test
  void manyUpdatesAcrossTheDefaultMergeThresholdAgreeWithAHashMap() {
    // 300,000 candidate numbers: the overlay passes 65,536 distinct numbers and is merged.
    checkAgainstModel(65_536, 50_000, 300_000);
  }

  @Test
  void invalidNumbersAndCarriersAreRefused() {
    RoutingTable table = RoutingTable.empty();

    assertThatThrownBy(() -> table.put(0, 1)).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("number must be positive: 0");
    assertThatThrownBy(() -> table.lookup(-8613800138000L)).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("number must be positive: -8613800138000");
    assertThatThrownBy(() -> table.remove(1_000_000_000_000_000L)).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("number has more than 15 digits: 1000000000000000");
    assertThatThrownBy(() -> table.put(CHINA_MOBILE, 255)).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("carrier index must be within 0..254: 255");
    assertThatThrownBy(() -> table.put(CHINA_MOBILE, -1)).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("carrier index must be within 0..254: -1");
    assertThat(table.size()).isZero();
  }

  @Test
  void aBulkLoadWithABadEntryIsRefusedNamingTheEntry() {
    assertThatThrownBy(() -> RoutingTable.of(new long[] {CHINA_MOBILE, 0}, new int[] {1, 2}))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("entry 1: number must be positive: 0");
    assertThatThrownBy(() -> RoutingTable.of(new long[] {CHINA_MOBILE}, new int[] {300}))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("entry 0: carrier index must be within 0..254: 300");
    assertThatThrownBy(() -> RoutingTable.of(new long[] {CHINA_MOBILE}, new int[] {1, 2}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("numbers and carriers differ in length: 1 numbers, 2 carriers");
  }

  @Test
  void readersNeverSeeAValueThatWasNeverWrittenForTheirNumber() throws Exception {
    // Number i is only ever given carrier i % 100 or i % 100 + 100, or removed; anything else is a torn read.
    int keys = 20_000;
    long[] numbers = new long[keys];
    int[] carriers = new int[keys];
    SplittableRandom random = new SplittableRandom(7);
    for (int i = 0; i < keys; i++) {
      numbers[i] = CHINA_MOBILE + i * 37L;
      carriers[i] = i % 100;
    }
    RoutingTable table = RoutingTable.of(numbers, carriers, 2_000);
    AtomicBoolean writing = new AtomicBoolean(true);
    AtomicReference<String> violation = new AtomicReference<>();
    AtomicLong reads = new AtomicLong();
    CountDownLatch readersStarted = new CountDownLatch(3);
    List<Thread> readers = new ArrayList<>();
    for (int r = 0; r < 3; r++) {
      long seed = r;
      Thread reader = new Thread(() -> {
        SplittableRandom own = new SplittableRandom(seed);
        readersStarted.countDown();
        long count = 0;
        while (writing.get() && violation.get() == null) {
          int i = own.nextInt(keys);
          int carrier = table.lookup(numbers[i]);
          if (carrier != NOT_PORTED && carrier != i % 100 && carrier != i % 100 + 100) {
            violation.compareAndSet(null, "number " + numbers[i] + " looked up as carrier " + carrier);
          }
          count++;
        }
        reads.addAndGet(count);
      });
      reader.start();
      readers.add(reader);
    }
    readersStarted.await();
    for (int op = 0; op < 300_000; op++) {
      int i = random.nextInt(keys);
      if (random.nextInt(4) == 0) {
        table.remove(numbers[i]);
      } else {
        table.put(numbers[i], i % 100 + (random.nextBoolean() ? 100 : 0));
      }
    }
    writing.set(false);
    for (Thread reader : readers) {
      reader.join(TimeUnit.SECONDS.toMillis(30));
    }

    assertThat(violation.get()).isNull();
    assertThat(reads.get()).isPositive();
  }

  @Test
  void aMillionChineseMobileNumbersTakeAtMostTenBytesEach() {
    SplittableRandom random = new SplittableRandom(42);
    int n = 1_000_000;
    long[] numbers = new long[n];
    int[] carriers = new int[n];
    for (int i = 0; i < n; i++) {
      numbers[i] = randomChineseMobile(random);
      carriers[i] = random.nextInt(RoutingTable.MAX_CARRIER + 1);
    }

    RoutingTable table = RoutingTable.of(numbers, carriers);

    assertThat(table.size()).isBetween(n - 1_000, n);
    assertThat(table.bytesPerEntry()).isLessThanOrEqualTo(10.0);
    for (int i = 0; i < n; i += 997) {
      assertThat(table.lookup(numbers[i])).isEqualTo(carriers[i]);
    }
  }

  @Test
  void aBatchAnswersLikeSingleLookupsWithOverlaysRemovalsAndMerges() {
    SplittableRandom random = new SplittableRandom(20_241_129);
    int hits = 0;
    int misses = 0;
    for (int round = 0; round < 6; round++) {
      // Candidates: Chinese numbers, which share blocks, Indian ones, and a few scattered over the whole space.
      long[] pool = new long[20_000 + random.nextInt(20_000)];
      for (int i = 0; i < pool.length; i++) {
        int kind = random.nextInt(10);
        pool[i] = kind < 6 ? randomChineseMobile(random)
            : kind < 9 ? 916_000_000_000L + random.nextLong(4_000_000_000L)
            : random.nextLong(1, RoutingTable.MAX_NUMBER + 1);
      }
      int loaded = random.nextInt(pool.length);
      long[] numbers = new long[loaded];
      int[] carriers = new int[loaded];
      for (int i = 0; i < loaded; i++) {
        numbers[i] = pool[random.nextInt(pool.length)];
        carriers[i] = random.nextInt(RoutingTable.MAX_CARRIER + 1);
      }
      // A small merge threshold: the checks below meet fresh overlays, full ones and new bases.
      RoutingTable table = RoutingTable.of(numbers, carriers, 1_000);
      for (int step = 0; step < 40; step++) {
        for (int op = random.nextInt(500); op > 0; op--) {
          long number = pool[random.nextInt(pool.length)];
          if (random.nextInt(3) == 0) {
            table.remove(number);
          } else {
            table.put(number, random.nextInt(RoutingTable.MAX_CARRIER + 1));
          }
        }
        // Batches of every size up to a few groups, at any offset, half of them numbers of the pool.
        long[] batch = new long[random.nextInt(300) + 10];
        for (int i = 0; i < batch.length; i++) {
          batch[i] = random.nextBoolean() ? pool[random.nextInt(pool.length)] : randomChineseMobile(random);
        }
        int from = random.nextInt(batch.length);
        int to = from + random.nextInt(batch.length - from + 1);
        int[] answers = new int[to - from + 3];
        answers[to - from] = 77;

        table.lookupAll(batch, from, to, answers);

        for (int k = 0; k < to - from; k++) {
          int expected = table.lookup(batch[from + k]);
          assertThat(answers[k]).as("carrier of %d, round %d, step %d", batch[from + k], round, step)
              .isEqualTo(expected);
          if (expected == NOT_PORTED) {
            misses++;
          } else {
            hits++;
          }
        }
        assertThat(answers[to - from]).as("the element after the answers").isEqualTo(77);
      }
    }
    // The comparison means something only if both kinds of answer came up often.
    assertThat(hits).isGreaterThan(1_000);
    assertThat(misses).isGreaterThan(1_000);
  }

  @Test
  void aBatchMixesOverlayAndBaseAnswersHitsAndMisses() {
    RoutingTable table = RoutingTable.of(new long[] {CHINA_MOBILE, CHINA_MOBILE + 1, CHINA_MOBILE + 2, INDIA_MOBILE},
        new int[] {1, 2, 3, 4});
    table.put(CHINA_MOBILE + 1, 20);
    table.remove(CHINA_MOBILE + 2);
    table.put(447700900123L, 30);
    long[] numbers = {0, CHINA_MOBILE, CHINA_MOBILE + 1, CHINA_MOBILE + 2, CHINA_MOBILE + 3, INDIA_MOBILE,
        447700900123L, 447700900124L, RoutingTable.MAX_NUMBER, 1, CHINA_MOBILE};
    int[] carriers = new int[numbers.length + 1];
    carriers[numbers.length - 1] = 77;
    carriers[numbers.length] = 77;

    // From index 1: the number at index 0 is not looked up, and the answers start at index 0.
    table.lookupAll(numbers, 1, numbers.length, carriers);

    assertThat(carriers).containsExactly(1, 20, NOT_PORTED, NOT_PORTED, 4, 30, NOT_PORTED, NOT_PORTED, NOT_PORTED,
        1, 77, 77);
  }

  @Test
  void anEmptyBatchWritesNothing() {
    RoutingTable table = RoutingTable.of(new long[] {CHINA_MOBILE}, new int[] {1});
    int[] carriers = {77, 77};

    table.lookupAll(new long[] {CHINA_MOBILE, CHINA_MOBILE}, 1, 1, carriers);
    table.lookupAll(new long[0], 0, 0, new int[0]);
    RoutingTable.empty().lookupAll(new long[] {CHINA_MOBILE}, 0, 1, carriers);

    assertThat(carriers).containsExactly(NOT_PORTED, 77);
  }

  @Test
  void aBatchWithABadNumberIsRefusedWholeNamingTheNumber() {
    RoutingTable table = RoutingTable.of(new long[] {CHINA_MOBILE}, new int[] {1});
    int[] carriers = {77, 77, 77, 77};

    assertThatThrownBy(() -> table.lookupAll(new long[] {CHINA_MOBILE, CHINA_MOBILE, 0, -5}, 0, 4, carriers))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("entry 2: number must be positive: 0");
    assertThatThrownBy(() -> table.lookupAll(new long[] {0, CHINA_MOBILE, 1_000_000_000_000_000L}, 1, 3, carriers))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("entry 2: number has more than 15 digits: 1000000000000000");
    assertThat(carriers).as("nothing written by a refused batch").containsOnly(77);

    // A bad number outside the range is not looked up, so it does not matter.
    table.lookupAll(new long[] {0, CHINA_MOBILE, -1}, 1, 2, carriers);
    assertThat(carriers).containsExactly(1, 77, 77, 77);
  }

  @Test
  void aBatchOutsideItsArraysIsRefused() {
    RoutingTable table = RoutingTable.of(new long[] {CHINA_MOBILE}, new int[] {1});
    long[] numbers = {CHINA_MOBILE, CHINA_MOBILE, CHINA_MOBILE};

    assertThatThrownBy(() -> table.lookupAll(numbers, 0, 4, new int[4]))
        .isInstanceOf(IndexOutOfBoundsException.class);
    assertThatThrownBy(() -> table.lookupAll(numbers, 2, 1, new int[4]))
        .isInstanceOf(IndexOutOfBoundsException.class);
    assertThatThrownBy(() -> table.lookupAll(numbers, 0, 3, new int[2]))
        .isInstanceOf(IndexOutOfBoundsException.class);
  }

  /** Random Chinese mobile numbers: country code 86, then 11 digits from 130 0000 0000 to 199 9999 9999. */
  static long randomChineseMobile(SplittableRandom random) {
    return 8_600_000_000_000L + random.nextLong(13_000_000_000L, 20_000_000_000L);
  }

  /**
   * Loads {@code loaded} numbers, then applies 200,000 random puts and removes over {@code candidates} numbers to
   * the table and to a HashMap, comparing them along the way and for every candidate at the end.
   */
  private static void checkAgainstModel(int minMergeThreshold, int loaded, int candidates) {
    SplittableRandom random = new SplittableRandom(20_240_601);
    long[] pool = new long[candidates];
    for (int i = 0; i < candidates; i++) {
      // Every 5th candidate is Indian; the others are Chinese and often share blocks.
      pool[i] = i % 5 == 0 ? 916_000_000_000L + random.nextLong(4_000_000_000L) : randomChineseMobile(random);
    }
    long[] numbers = new long[loaded];
    int[] carriers = new int[loaded];
    Map<Long, Integer> model = new HashMap<>();
    for (int i = 0; i < loaded; i++) {
      numbers[i] = pool[random.nextInt(candidates)];
      carriers[i] = random.nextInt(RoutingTable.MAX_CARRIER + 1);
      model.put(numbers[i], carriers[i]);
    }
    RoutingTable table = RoutingTable.of(numbers, carriers, minMergeThreshold);

    for (int op = 0; op < 200_000; op++) {
      long number = pool[random.nextInt(candidates)];
      if (random.nextInt(3) == 0) {
        table.remove(number);
        model.remove(number);
      } else {
        int carrier = random.nextInt(RoutingTable.MAX_CARRIER + 1);
        table.put(number, carrier);
        model.put(number, carrier);
      }
      long probe = pool[random.nextInt(candidates)];
      assertThat(table.lookup(probe)).as("carrier of %d after %d operations", probe, op + 1)
          .isEqualTo(model.getOrDefault(probe, NOT_PORTED));
    }

    assertThat(table.size()).isEqualTo(model.size());
    for (long number : pool) {
      assertThat(table.lookup(number)).as("carrier of %d", number).isEqualTo(model.getOrDefault(number, NOT_PORTED));
    }
  }
}
