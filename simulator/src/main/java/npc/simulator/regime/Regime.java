package npc.simulator.regime;

import java.util.List;
import java.util.Optional;

/**
 * What the simulator knows of a regime: enough to place subscribers in real blocks, to give them conditions that
 * the regime's reasons name, and to check a scenario's carriers and reasons.
 *
 * @param id the regime's id ({@code demo})
 * @param zone the regime's time zone, in which the clearinghouse reads evidence dates ({@code Asia/Shanghai})
 * @param countryCode the country calling code, without {@code +}
 * @param carriers the carriers that take part in porting, in the regime's order
 * @param reasons the closed list of reasons, in the regime's order
 * @param blocks the number plan's blocks, in the file's order
 */
public record Regime(String id, java.time.ZoneId zone, String countryCode, List<String> carriers, List<Reason> reasons, List<Block> blocks) {

  public Regime {
    carriers = List.copyOf(carriers);
    reasons = List.copyOf(reasons);
    blocks = List.copyOf(blocks);
  }

  /** The reason of this code, if the list has it. */
  public Optional<Reason> reason(String code) {
    return reasons.stream().filter(r -> r.code().equals(code)).findFirst();
  }

  /** The reasons that are conditions a subscriber can have (the donor evidences them), in the regime's order. */
  public List<Reason> conditions() {
    return reasons.stream().filter(Reason::isCondition).toList();
  }

  /** The portable blocks of one carrier, in the file's order. */
  public List<Block> portableBlocks(String carrier) {
    return blocks.stream().filter(b -> b.portable() && b.holder().equals(carrier)).toList();
  }
}
