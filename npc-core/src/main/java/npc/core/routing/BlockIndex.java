package npc.core.routing;

import java.util.Arrays;

/**
 * The immutable base of a routing table. Numbers fall into blocks of 2^lowBits consecutive numbers, and blocks
 * into segments of 2^segmentBits consecutive blocks. A small hash maps a segment to its run of block boundaries
 * in one {@code int[]}; the boundaries of a block delimit its entries, sorted by number in another {@code int[]}.
 *
 * <p>Each build picks both sizes from the numbers it holds. Blocks hold at most {@value #TARGET_RUN} entries on
 * average, so that a lookup reads one or two cache lines of entries; random Chinese mobile numbers get blocks of
 * 2^14 numbers at 10 million entries and 2^17 at 1 million. Segments take the size at which the boundaries and
 * the hash take the least memory: with numbers packed into a few ranges, as mobile numbers are, that is well
 * under a byte per entry, small enough to stay in the processor's caches.
 *
 * <p>Entries travel as {@code number << 8 | carrier} ("packed") while being sorted and merged: numbers have at
 * most 50 bits, so the packed form is a positive long that sorts by number, and its low {@code lowBits + 8} bits
 * are exactly the stored entry.
 */
final class BlockIndex {
  /** The most entries a block should hold on average: 128 bytes, at most a few cache lines. */
  static final int TARGET_RUN = 32;
  /**
   * Lookups that {@link #lookupAll} takes through each step together: enough reads in flight to cover the wait
   * for memory, few enough that the group's cache lines and progress stay in the first-level cache.
   */
  static final int GROUP = 16;
  private static final int MIN_LOW_BITS = 4;
  /** Keeps {@code low << 8 | carrier} a positive int, so that entries compare as plain ints. */
  private static final int MAX_LOW_BITS = 23;
  private static final int MAX_SEGMENT_BITS = 16;
  /** What a segment costs in the hash, at its usual load: a slot of two longs at a load of about one half. */
  private static final int SEGMENT_SLOT_BYTES = 32;
  private static final long FIBONACCI = 0x9E3779B97F4A7C15L;
  /** 11-bit digits keep the radix sort's counts in the first-level cache. */
  private static final int DIGIT_BITS = 11;
  private static final int DIGIT_MASK = (1 << DIGIT_BITS) - 1;
  /** The largest hash a long[] can hold: 2^29 slots of two longs each. */
  private static final int MAX_SLOTS = 1 << 29;
  private static final int MAX_ARRAY_LENGTH = Integer.MAX_VALUE - 8;

  /** Pairs of longs: {@code segment + 1} (0 marks a free slot), then the offset of its boundaries in starts. */
  private final long[] segments;
  /**
   * For each segment, {@code 2^segmentBits + 1} boundaries: the entries of its block j are those from
   * {@code starts[offset + j]} until {@code starts[offset + j + 1]}.
   */
  private final int[] starts;
  /**
   * {@code low << 8 | carrier}, ascending by number, then a sentinel above every entry, so that a lookup may read
   * the entry after its block, and never two past the last, without a bounds check of its own.
   */
  private final int[] entries;
  /** Bits of a number below its block. */
  private final int lowBits;
  /** Bits of a block number below its segment. */
  private final int segmentBits;
  private final int shift;
  private final int mask;

  private BlockIndex(long[] segments, int[] starts, int[] entries, int lowBits, int segmentBits) {
    this.segments = segments;
    this.starts = starts;
    this.entries = entries;
    this.lowBits = lowBits;
    this.segmentBits = segmentBits;
    int slots = segments.length >> 1;
    shift = 64 - Integer.numberOfTrailingZeros(slots);
    mask = slots - 1;
  }

  static BlockIndex empty() {
    return build(new long[0], 0);
  }

  /**
   * Builds from validated, unsorted input. The sort is stable so that the last of several entries for one number
   * is the one kept.
   */
  static BlockIndex of(long[] numbers, int[] carriers) {
    int n = numbers.length;
    long[] packed = new long[n];
    long largest = 0;
    for (int i = 0; i < n; i++) {
      packed[i] = numbers[i] << 8 | carriers[i];
      largest = Math.max(largest, numbers[i]);
    }
    packed = sortByNumber(packed, 64 - Long.numberOfLeadingZeros(largest));
    int kept = 0;
    for (int i = 0; i < n; i++) {
      if (i + 1 < n && packed[i + 1] >>> 8 == packed[i] >>> 8) {
        continue;
      }
      packed[kept++] = packed[i];
    }
    return build(packed, kept);
  }

  /** The carrier of the number, or {@link RoutingTable#NOT_PORTED}. */
  int lookup(long number) {
    long block = number >>> lowBits;
    int offset = offset(block >>> segmentBits);
    if (offset < 0) {
      return RoutingTable.NOT_PORTED;
    }
    int[] starts = this.starts;
    int[] entries = this.entries;
    int boundary = offset + (int) (block & ((1L << segmentBits) - 1));
    int to = starts[boundary + 1];
    int target = (int) (number & ((1L << lowBits) - 1)) << 8;
    // A binary search in which no branch depends on the entries, which usually come from main memory: the
    // processor can go on with the next lookups while this one waits, instead of guessing comparisons and starting
    // over. Fewer instructions waiting on the entries let more lookups wait at once, which is what sets the rate.
    int at = starts[boundary];
    for (int left = to - at; left > 1; ) {
      int half = left >>> 1;
      at += half & ((entries[at + half] - target) >> 31);
      left -= half;
    }
    at -= (entries[at] - target) >> 31;
    int entry = entries[at];
    int found = ((at - to) >>> 31) & ((((entry ^ target) >>> 8) - 1) >>> 31);
    return (entry & 0xFF) | (found - 1);
  }

  int size() {
    return entries.length - 1;
  }

  /**
   * Resolves in the base every {@code numbers[from + k]}, {@code from + k < to}, whose {@code carriers[k]} is
   * {@link Overlay#ABSENT}, as {@link #lookup} would; the numbers are valid. The other answers, the overlay's,
   * are kept.
   *
   * <p>{@link #lookup} is one chain of dependent reads: the block's boundaries, then its entries, each often from
   * main memory. Here the lookups of a group of {@value #GROUP} go through each step together, in three passes,
   * so that the reads of one pass, which do not depend on one another, are in flight at once: the group waits
   * for memory about once per pass instead of once per lookup and step.
   */
  void lookupAll(long[] numbers, int from, int to, int[] carriers) {
    int[] at = new int[GROUP];
    int[] left = new int[GROUP];
    int[] end = new int[GROUP];
    int[] outside = new int[GROUP];
    int[] starts = this.starts;
    int[] entries = this.entries;
    int sentinel = entries.length - 1;
    long blockMask = (1L << segmentBits) - 1;
    long lowMask = (1L << lowBits) - 1;
    for (int first = from; first < to; first += GROUP) {
      int n = Math.min(GROUP, to - first);
      // 1. The boundaries of each block: the segment hash stays in the caches, the boundaries often do not.
      for (int g = 0; g < n; g++) {
        long block = numbers[first + g] >>> lowBits;
        int offset = offset(block >>> segmentBits);
        int boundary = offset + (int) (block & blockMask);
        // A block outside every segment is an empty run at the sentinel, where no search finds anything.
        at[g] = offset < 0 ? sentinel : starts[boundary];
        end[g] = offset < 0 ? sentinel : starts[boundary + 1];
      }
      // 2. Every cache line of each block at once: its first entry, its middle one (the first halving of the
      // search) and its last, which cover the two or three lines of a block of usual size. Java has no prefetch
      // instruction, and a read whose value is unused is dropped by the compiler, so the first and last entries
      // make a range check that the search alone would not need.
      for (int g = 0; g < n; g++) {
        int target = (int) (numbers[first + g] & lowMask) << 8;
        int start = at[g];
        int length = end[g] - start;
        int half = length >>> 1;
        // The last entry of the block, or for an empty block the entry after it (the sentinel at the worst).
        int last = start + length - 1 + ((length - 1) >>> 31);
        outside[g] = ((target | 0xFF) - entries[start]) | (entries[last] - target);
        at[g] = start + (half & ((entries[start + half] - target) >> 31));
        left[g] = length - half;
      }
      // 3. The rest of lookup's branch-free search, in lines that are now in the first-level cache.
      for (int g = 0; g < n; g++) {
        int i = first + g;
        int target = (int) (numbers[i] & lowMask) << 8;
        int found = at[g];
        for (int remaining = left[g]; remaining > 1; ) {
          int half = remaining >>> 1;
          found += half & ((entries[found + half] - target) >> 31);
          remaining -= half;
        }
        found -= (entries[found] - target) >> 31;
        int entry = entries[found];
        int hit = ((found - end[g]) >>> 31) & ((((entry ^ target) >>> 8) - 1) >>> 31) & (~outside[g] >>> 31);
        int carrier = (entry & 0xFF) | (hit - 1);
        int k = i - from;
        carriers[k] = carriers[k] == Overlay.ABSENT ? carrier : carriers[k];
      }
    }
  }

  long memoryBytes() {
    return RoutingTable.arrayBytes(segments.length, Long.BYTES) + RoutingTable.arrayBytes(starts.length, Integer.BYTES)
        + RoutingTable.arrayBytes(entries.length, Integer.BYTES);
  }

  /**
   * A new base with the updates applied: {@code number << 8 | value}, ascending, where the value
   * {@link Overlay#REMOVED} drops the number.
   */
  BlockIndex merge(long[] updates) {
    long[] merged = new long[size() + updates.length];
    int blocksPerSegment = 1 << segmentBits;
    int n = 0;
    int u = 0;
    for (long segment : sortedSegments()) {
      int offset = offset(segment);
      for (int j = 0; j < blocksPerSegment; j++) {
        long blockBits = (segment << segmentBits | j) << (lowBits + 8);
        for (int i = starts[offset + j], to = starts[offset + j + 1]; i < to; i++) {
          long entry = blockBits | entries[i];
          long number = entry >>> 8;
          while (u < updates.length && updates[u] >>> 8 < number) {
            n = appendUnlessRemoved(merged, n, updates[u++]);
          }
          if (u < updates.length && updates[u] >>> 8 == number) {
            n = appendUnlessRemoved(merged, n, updates[u++]);
          } else {
            merged[n++] = entry;
          }
        }
      }
    }
    while (u < updates.length) {
      n = appendUnlessRemoved(merged, n, updates[u++]);
    }
    return build(merged, n);
  }

  private static int appendUnlessRemoved(long[] merged, int n, long update) {
    if ((update & 0xFF) == Overlay.REMOVED) {
      return n;
    }
    merged[n] = update;
    return n + 1;
  }

  /** Where the segment's boundaries start in starts, or -1 if it holds no entries. */
  private int offset(long segment) {
    long[] segments = this.segments;
    long tag = segment + 1;
    for (int slot = slot(segment); ; slot = (slot + 1) & mask) {
      long key = segments[slot << 1];
      if (key == tag) {
        return (int) segments[(slot << 1) + 1];
      }
      if (key == 0) {
        return -1;
      }
    }
  }

  private long[] sortedSegments() {
    long[] sorted = new long[segments.length >> 1];
    int n = 0;
    for (int i = 0; i < segments.length; i += 2) {
      if (segments[i] != 0) {
        sorted[n++] = segments[i] - 1;
      }
    }
    sorted = Arrays.copyOf(sorted, n);
    Arrays.sort(sorted);
    return sorted;
  }

  private int slot(long segment) {
    return (int) ((segment * FIBONACCI) >>> shift);
  }

  /** Builds from the first n packed entries, ascending by number, each number once. */
  private static BlockIndex build(long[] packed, int n) {
    // Two neighbours fall into different blocks (or segments) exactly when they differ in a bit at or above the
    // block's (or segment's) lowest bit, so the highest differing bits count the blocks and segments of every size
    // in one pass.
    long[] startsAtBit = new long[64];
    for (int i = 1; i < n; i++) {
      startsAtBit[63 - Long.numberOfLeadingZeros((packed[i] ^ packed[i - 1]) >>> 8)]++;
    }
    long first = Math.min(n, 1);
    int lowBits = MAX_LOW_BITS;
    long blocks = first + suffixSum(startsAtBit, lowBits);
    while (lowBits > MIN_LOW_BITS && blocks * TARGET_RUN < n) {
      lowBits--;
      blocks += startsAtBit[lowBits];
    }
    int segmentBits = -1;
    long segmentCount = 0;
    long leastBytes = Long.MAX_VALUE;
    for (int bits = 0; bits <= MAX_SEGMENT_BITS; bits++) {
      long count = first + suffixSum(startsAtBit, lowBits + bits);
      long startsLength = count * ((1L << bits) + 1);
      long bytes = startsLength * Integer.BYTES + count * SEGMENT_SLOT_BYTES;
      if (startsLength <= MAX_ARRAY_LENGTH && bytes < leastBytes) {
        leastBytes = bytes;
        segmentBits = bits;
        segmentCount = count;
      }
    }
    // A load of at most 0.6 keeps linear probes short: on average at most 1.8 slots per hit, 3.6 per miss.
    long wanted = Math.max(2, segmentCount * 5 / 3 + 1);
    if (segmentBits < 0 || wanted > MAX_SLOTS) {
      throw new IllegalArgumentException("too many scattered numbers for one routing table: " + n);
    }
    int slots = Integer.highestOneBit((int) wanted - 1) << 1;
    int blocksPerSegment = 1 << segmentBits;
    BlockIndex index = new BlockIndex(new long[slots << 1], new int[(int) segmentCount * (blocksPerSegment + 1)],
        new int[n + 1], lowBits, segmentBits);
    long entryMask = (1L << (lowBits + 8)) - 1;
    int offset = 0;
    for (int i = 0; i < n; offset += blocksPerSegment + 1) {
      long segment = packed[i] >>> (8 + lowBits + segmentBits);
      index.insert(segment, offset);
      long block = segment << segmentBits;
      for (int j = 0; j < blocksPerSegment; j++, block++) {
        index.starts[offset + j] = i;
        for (; i < n && packed[i] >>> (8 + lowBits) == block; i++) {
          index.entries[i] = (int) (packed[i] & entryMask);
        }
      }
      index.starts[offset + blocksPerSegment] = i;
    }
    index.entries[n] = Integer.MAX_VALUE;
    return index;
  }

  private static long suffixSum(long[] counts, int from) {
    long sum = 0;
    for (int bit = from; bit < counts.length; bit++) {
      sum += counts[bit];
    }
    return sum;
  }

  private void insert(long segment, int offset) {
    int slot = slot(segment);
    while (segments[slot << 1] != 0) {
      slot = (slot + 1) & mask;
    }
    segments[slot << 1] = segment + 1;
    segments[(slot << 1) + 1] = offset;
  }

  /**
   * Sorts packed entries by number with a stable LSD radix sort: bulk loads are millions of entries, where it
   * beats a comparison sort, and stability decides which of two entries for one number wins.
   */
  private static long[] sortByNumber(long[] packed, int numberBits) {
    int n = packed.length;
    long[] source = packed;
    long[] target = new long[n];
    int[] starts = new int[1 << DIGIT_BITS];
    for (int shift = 8; shift < 8 + numberBits; shift += DIGIT_BITS) {
      Arrays.fill(starts, 0);
      for (int i = 0; i < n; i++) {
        starts[(int) (source[i] >>> shift) & DIGIT_MASK]++;
      }
      if (starts[(int) (source[0] >>> shift) & DIGIT_MASK] == n) {
        continue;
      }
      int sum = 0;
      for (int digit = 0; digit < starts.length; digit++) {
        int count = starts[digit];
        starts[digit] = sum;
        sum += count;
      }
      for (int i = 0; i < n; i++) {
        long entry = source[i];
        target[starts[(int) (entry >>> shift) & DIGIT_MASK]++] = entry;
      }
      long[] sorted = target;
      target = source;
      source = sorted;
    }
    return source;
  }
}
