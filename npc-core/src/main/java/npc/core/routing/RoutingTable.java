package npc.core.routing;

import java.util.Objects;

/**
 * Which carrier serves each ported number, in memory, for lookups at call-routing rates.
 *
 * <p>Keys are E.164 numbers without the '+' as a {@code long} (8613800138000 for China, 919876543210 for India),
 * at most 15 digits. Values are carrier indices 0..254 into a carrier registry kept elsewhere. A number without
 * an entry was never ported, or was returned to its range holder, and resolves elsewhere.
 *
 * <p>Layout, and what it costs per entry:
 * <ul>
 *   <li>a base, rebuilt only by bulk loads and merges ({@code BlockIndex}): numbers fall into blocks of 2^k
 *       consecutive numbers, k chosen at each build so that a block holds at most 32 entries on average (2^14 for
 *       10 million random Chinese mobile numbers). An {@code int[]} holds each entry as
 *       {@code low k bits << 8 | carrier}, sorted, 4 bytes per entry: the low bits and the carrier share a cache
 *       line, so a lookup waits for memory once. An {@code int[]} of block boundaries, 4 bytes per block, and a
 *       small hash of segments of blocks find a block's entries; they take well under a byte per entry and stay
 *       in the processor's caches;
 *   <li>an overlay of the updates since the last merge ({@code Overlay}): an open-addressing map from number to
 *       carrier, with a tombstone for a removal, 9 bytes per slot at a load of at most one half. Lookups read it
 *       first. Once it holds more than 65,536 numbers or 1% of the base it is merged into a new base, so writes
 *       stay cheap and the overlay small.
 * </ul>
 * Measured: 4.17 bytes per entry for 10 million random Chinese mobile numbers, 4.22 for 1 million; until the
 * next merge the overlay adds up to 2.4 MB (0.24 bytes per entry at 10 million). Numbers scattered thinly over the
 * whole numbering space cost more: between about 40 and 65 bytes for a number alone in its segment.
 *
 * <p>Speed: at 10 million entries the entries (40 MB) are read from main memory, and a {@link #lookup} waits for
 * it once or twice, one wait after the other: about 2 to 3 million lookups per second on one core of a shared
 * 2-core virtual machine. {@link #lookupAll} takes the lookups of a batch 16 at a time through each step
 * together (the block boundaries of all 16, then every cache line of their blocks, then the searches in lines
 * now cached), so that their reads from memory overlap instead of following one another: 4.3 to 6.0 million
 * lookups per second in batches of 100 on the same machine, with figures that swing with the load beside them
 * (BENCHMARKS.md). Callers with more than a few numbers should use it.
 *
 * <p>Threads: readers never lock and never wait. Every lookup reads one immutable base and the overlay published
 * with it through a volatile field, which a batch reads once for all its lookups; the overlay's slots are
 * published one by one with release and acquire accesses, so a reader sees, for each number, either its value
 * before an update or after it, never a mix.
 * Updates are meant for a single writer, the change-log consumer; they are serialized anyway, so that a second
 * writer is slow rather than wrong. A merge happens on the writer's thread and does not stop readers.
 */
public final class RoutingTable {
  /** The lookup result for a number without an entry. */
  public static final int NOT_PORTED = -1;
  /** The largest carrier index; 255 is the overlay's tombstone. */
  public static final int MAX_CARRIER = 254;
  /** The largest number: 15 digits, the longest E.164 number. */
  public static final long MAX_NUMBER = 999_999_999_999_999L;

  private static final int MIN_MERGE_THRESHOLD = 65_536;
  private static final int ARRAY_HEADER_BYTES = 16;

  /** A base and the overlay of updates made on top of it. */
  private record Snapshot(BlockIndex base, Overlay overlay) {
  }

  private final int minMergeThreshold;
  private volatile Snapshot snapshot;
  /** Written by the writer under the lock; volatile so that any thread may read it. */
  private volatile int size;

  private RoutingTable(BlockIndex base, int minMergeThreshold) {
    this.minMergeThreshold = minMergeThreshold;
    this.snapshot = new Snapshot(base, Overlay.empty());
    this.size = base.size();
  }

  /** A table without entries, to be filled by {@link #put}. */
  public static RoutingTable empty() {
    return new RoutingTable(BlockIndex.empty(), MIN_MERGE_THRESHOLD);
  }

  /**
   * A table holding the given entries, as at start from the database: {@code carriers[i]} serves
   * {@code numbers[i]}. The input need not be sorted; if a number appears more than once, the last entry wins,
   * as it would with one {@link #put} after another. The arrays are not kept.
   *
   * @throws IllegalArgumentException if the lengths differ, or a number or a carrier is out of range
   */
  public static RoutingTable of(long[] numbers, int[] carriers) {
    return of(numbers, carriers, MIN_MERGE_THRESHOLD);
  }

  /** As {@link #of(long[], int[])}, with the overlay merged past a smaller size: tests use it to merge often. */
  static RoutingTable of(long[] numbers, int[] carriers, int minMergeThreshold) {
    Objects.requireNonNull(numbers, "numbers");
    Objects.requireNonNull(carriers, "carriers");
    if (numbers.length != carriers.length) {
      throw new IllegalArgumentException("numbers and carriers differ in length: " + numbers.length + " numbers, "
          + carriers.length + " carriers");
    }
    for (int i = 0; i < numbers.length; i++) {
      checkNumber(numbers[i], i);
      checkCarrier(carriers[i], i);
    }
    return new RoutingTable(BlockIndex.of(numbers, carriers), minMergeThreshold);
  }

  /**
   * The carrier index serving the number, or {@link #NOT_PORTED} if it has no entry and so belongs to the
   * holder of its number range. Never blocks.
   *
   * @throws IllegalArgumentException if the number is not positive or has more than 15 digits
   */
  public int lookup(long number) {
    checkNumber(number, -1);
    Snapshot current = snapshot;
    int updated = current.overlay().get(number);
    return updated != Overlay.ABSENT ? updated : current.base().lookup(number);
  }

  /**
   * Looks up many numbers at once: afterwards {@code carriers[k]} is what {@link #lookup lookup(numbers[from + k])}
   * would return, for every {@code k} from 0 to {@code to - from} (exclusive). Elements of {@code carriers} past
   * those are left alone; {@code from == to} looks up nothing.
   *
   * <p>This is the fast way to look up more than a few numbers: the lookups go through each step together, so
   * that their waits for main memory overlap instead of following one another (see the class comment). Each
   * lookup sees a number's carrier before an update or after it, as {@link #lookup} does; the batch as a whole is
   * not a snapshot: an update made while it runs may be seen by some of its lookups and not by others.
   *
   * <p>The numbers are all checked before any is looked up: if one is out of range, nothing is written to
   * {@code carriers} and the exception names the first bad one by its index in {@code numbers}.
   *
   * @param numbers holds the numbers to look up from index {@code from} to index {@code to} (exclusive)
   * @param carriers receives the answers from index 0; it needs room for at least {@code to - from}
   * @throws IllegalArgumentException if a number is not positive or has more than 15 digits
   * @throws IndexOutOfBoundsException if {@code from..to} is not a range of {@code numbers}, or {@code carriers}
   *     is shorter than {@code to - from}
   */
  public void lookupAll(long[] numbers, int from, int to, int[] carriers) {
    Objects.checkFromToIndex(from, to, numbers.length);
    Objects.checkFromToIndex(0, to - from, carriers.length);
    for (int i = from; i < to; i++) {
      checkNumber(numbers[i], i);
    }
    Snapshot current = snapshot;
    Overlay overlay = current.overlay();
    // The overlay's probes are independent of one another, so a plain loop already overlaps their reads.
    for (int i = from; i < to; i++) {
      carriers[i - from] = overlay.get(numbers[i]);
    }
    current.base().lookupAll(numbers, from, to, carriers);
  }

  /**
   * Records that the carrier now serves the number, as a completed port does. Readers see either the previous
   * carrier or this one.
   *
   * @throws IllegalArgumentException if the number or the carrier is out of range
   */
  public synchronized void put(long number, int carrier) {
    checkNumber(number, -1);
    checkCarrier(carrier, -1);
    int previous = lookup(number);
    if (previous == carrier) {
      return;
    }
    write(number, carrier);
    if (previous == NOT_PORTED) {
      size++;
    }
  }

  /**
   * Drops the number's entry, as when a number is returned to its range holder: it then looks up as
   * {@link #NOT_PORTED}. Removing a number without an entry does nothing.
   *
   * @throws IllegalArgumentException if the number is out of range
   */
  public synchronized void remove(long number) {
    checkNumber(number, -1);
    if (lookup(number) == NOT_PORTED) {
      return;
    }
    write(number, Overlay.REMOVED);
    size--;
  }

  /** How many numbers have an entry. */
  public int size() {
    return size;
  }

  /**
   * The bytes of every array the table holds now (base entries, directory and overlay), with their headers, so
   * that the memory a deployment needs can be read off a loaded table.
   */
  public long memoryBytes() {
    Snapshot current = snapshot;
    return current.base().memoryBytes() + current.overlay().memoryBytes();
  }

  /** {@link #memoryBytes} per entry: the figure to compare with the memory goal; 0 for an empty table. */
  public double bytesPerEntry() {
    int entries = size;
    return entries == 0 ? 0 : (double) memoryBytes() / entries;
  }

  @Override
  public String toString() {
    return "RoutingTable[" + size + " entries, " + memoryBytes() + " bytes]";
  }

  /** The bytes an array of that length takes, its header included. */
  static long arrayBytes(int length, int elementBytes) {
    return ARRAY_HEADER_BYTES + (long) length * elementBytes;
  }

  private void write(long number, int value) {
    Snapshot current = snapshot;
    Overlay overlay = current.overlay();
    if (!overlay.hasRoom()) {
      overlay = overlay.grown();
      current = new Snapshot(current.base(), overlay);
      snapshot = current;
    }
    overlay.put(number, value);
    BlockIndex base = current.base();
    if (overlay.count() > Math.max(minMergeThreshold, base.size() / 100)) {
      snapshot = new Snapshot(base.merge(overlay.sortedUpdates()), Overlay.empty());
    }
  }

  private static void checkNumber(long number, int index) {
    if (number <= 0) {
      throw new IllegalArgumentException(at(index) + "number must be positive: " + number);
    }
    if (number > MAX_NUMBER) {
      throw new IllegalArgumentException(at(index) + "number has more than 15 digits: " + number);
    }
  }

  private static void checkCarrier(int carrier, int index) {
    if (carrier < 0 || carrier > MAX_CARRIER) {
      throw new IllegalArgumentException(at(index) + "carrier index must be within 0.." + MAX_CARRIER + ": " + carrier);
    }
  }

  private static String at(int index) {
    return index < 0 ? "" : "entry " + index + ": ";
  }
}
