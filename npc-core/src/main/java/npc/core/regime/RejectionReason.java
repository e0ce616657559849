package npc.core.regime;

import java.util.List;
import java.util.Objects;

/**
 * One reason on the closed list a donor may reject a port for.
 *
 * @param code                 the reason's code, e.g. {@code UNPAID_CHARGES}
 * @param description          what it means, for people reading findings
 * @param evidence             the fields the donor must give with it
 * @param clearinghouseVerifies whether the clearinghouse can check it from its own data (lock period,
 *                             non-portable range): a donor citing it against that data is refused at once
 * @param individuals          whether it may be cited against an individual's port (India: not once a valid
 *                             porting code exists)
 */
public record RejectionReason(String code, String description, List<EvidenceField> evidence,
    boolean clearinghouseVerifies, boolean individuals) {
  public RejectionReason {
    Objects.requireNonNull(description, "description");
    evidence = List.copyOf(evidence);
    if (code == null || !code.matches("[A-Z][A-Z0-9_]{1,39}")) {
      throw new IllegalArgumentException("a reason code is UPPER_SNAKE_CASE: " + code);
    }
  }
}
