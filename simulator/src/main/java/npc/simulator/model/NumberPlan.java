package npc.simulator.model;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import npc.simulator.regime.Block;
import npc.simulator.regime.Regime;

/**
 * Numbers derived from subscriber indexes, and back, without storing a number per subscriber. A carrier's k-th
 * subscriber gets block {@code k mod blocks} of its portable blocks and, in it, the offset
 * {@code (k div blocks) * STRIDE mod capacity}: the stride is prime to 10, so the map is a bijection on the block,
 * and it spreads one carrier's numbers over each block as a real allocation would rather than packing them at its
 * start.
 */
public final class NumberPlan {

  private static final long STRIDE = 7_919_317L;

  private final String countryCode;
  private final int[] start;
  private final int[] count;
  private final List<List<Block>> blocks = new ArrayList<>();
  private final List<long[]> inverses = new ArrayList<>();
  private final Map<String, int[]> byPrefix = new HashMap<>();

  /**
   * @param regime the regime whose portable blocks hold the numbers
   * @param carriers the carriers, in the order of the counts
   * @param count how many subscribers each carrier has; its subscribers are the next {@code count[c]} indexes
   * @throws IllegalArgumentException if a carrier's portable blocks cannot hold its subscribers
   */
  public NumberPlan(Regime regime, List<String> carriers, int[] count) {
    this.countryCode = regime.countryCode();
    this.count = count.clone();
    this.start = new int[count.length];
    int next = 0;
    for (int c = 0; c < carriers.size(); c++) {
      start[c] = next;
      next += count[c];
      List<Block> own = regime.portableBlocks(carriers.get(c));
      if (count[c] > 0 && own.isEmpty()) {
        throw new IllegalArgumentException("carrier " + carriers.get(c) + " has no portable block in the regime "
            + regime.id() + " to place its subscribers in");
      }
      long[] inv = new long[own.size()];
      for (int b = 0; b < own.size(); b++) {
        Block block = own.get(b);
        long perBlock = (count[c] + own.size() - 1L) / own.size();
        if (perBlock > block.capacity()) {
          throw new IllegalArgumentException("carrier " + carriers.get(c) + " has " + count[c]
              + " subscribers, more than its portable blocks of the regime " + regime.id() + " hold");
        }
        inv[b] = BigInteger.valueOf(STRIDE).modInverse(BigInteger.valueOf(block.capacity())).longValueExact();
        byPrefix.put(block.prefix(), new int[] {c, b});
      }
      blocks.add(own);
      inverses.add(inv);
    }
  }

  /** The number of subscriber {@code index} of carrier {@code carrier}, in E.164 with {@code +}. */
  public String msisdn(int carrier, int index) {
    int k = index - start[carrier];
    List<Block> own = blocks.get(carrier);
    Block block = own.get(k % own.size());
    long offset = Math.floorMod((long) (k / own.size()) * STRIDE, block.capacity());
    String digits = Long.toString(offset);
    int width = block.length() - block.prefix().length();
    return "+" + countryCode + block.prefix() + "0".repeat(width - digits.length()) + digits;
  }

  /** The subscriber index of a number, or -1 if it is not one the plan gave out. */
  public int indexOf(String msisdn) {
    String cc = "+" + countryCode;
    if (!msisdn.startsWith(cc)) {
      return -1;
    }
    String national = msisdn.substring(cc.length());
    for (int len = Math.min(national.length(), 6); len >= 1; len--) {
      int[] cb = byPrefix.get(national.substring(0, len));
      if (cb == null) {
        continue;
      }
      Block block = blocks.get(cb[0]).get(cb[1]);
      if (national.length() != block.length()) {
        return -1;
      }
      long offset;
      try {
        offset = Long.parseLong(national.substring(len));
      } catch (NumberFormatException e) {
        return -1;
      }
      long j = multiplyMod(offset, inverses.get(cb[0])[cb[1]], block.capacity());
      long k = j * blocks.get(cb[0]).size() + cb[1];
      return k < count[cb[0]] ? (int) (start[cb[0]] + k) : -1;
    }
    return -1;
  }

  /** The carrier (index into the plan's carriers) that holds subscriber {@code index}'s number. */
  public int holder(int index) {
    for (int c = start.length - 1; c >= 0; c--) {
      if (index >= start[c] && count[c] > 0) {
        return c;
      }
    }
    throw new IndexOutOfBoundsException(index);
  }

  /** The first index of carrier {@code c}'s subscribers. */
  public int start(int c) {
    return start[c];
  }

  /** How many subscribers carrier {@code c} holds. */
  public int count(int c) {
    return count[c];
  }

  private static long multiplyMod(long a, long b, long m) {
    return BigInteger.valueOf(a).multiply(BigInteger.valueOf(b)).mod(BigInteger.valueOf(m)).longValueExact();
  }
}
