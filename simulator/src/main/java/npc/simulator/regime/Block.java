package npc.simulator.regime;

/**
 * A block of numbers of the regime's number plan: every national number that starts with {@code prefix} and has
 * {@code length} digits.
 *
 * @param prefix the block's leading digits
 * @param holder the carrier that holds the block
 * @param portable whether numbers of the block may be ported
 * @param length the digits of a national number of the block
 */
public record Block(String prefix, String holder, boolean portable, int length) {

  /** How many numbers the block holds. */
  public long capacity() {
    return (long) Math.pow(10, length - prefix.length());
  }
}
