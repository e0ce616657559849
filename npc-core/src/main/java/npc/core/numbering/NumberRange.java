package npc.core.numbering;

import java.util.Objects;
import npc.core.carrier.CarrierId;

/**
 * A block of numbers sharing a prefix of the national number, held by one carrier.
 *
 * @param prefix   leading digits of the national number, e.g. {@code 1349}
 * @param holder   the carrier the block was assigned to: where a never-ported number is routed
 * @param portable whether numbers of this block may be ported (CN: not satellite, MVNO or IoT blocks)
 * @param length   how many digits the block's national numbers have
 * @param note     why a block is special, e.g. {@code satellite}
 */
public record NumberRange(String prefix, CarrierId holder, boolean portable, int length, String note) {
  public NumberRange {
    Objects.requireNonNull(holder, "holder");
    Objects.requireNonNull(note, "note");
    if (prefix == null || !prefix.matches("[1-9][0-9]{0,7}")) {
      throw new IllegalArgumentException("a range prefix is 1-8 digits not starting with 0: " + prefix);
    }
    if (length <= prefix.length() || length > 14) {
      throw new IllegalArgumentException("range " + prefix + " cannot have numbers of " + length + " digits");
    }
  }
}
