package npc.core.regime;

import java.util.List;
import java.util.Map;
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
 * @param refutedOnPort        evidence values the clearinghouse refutes whenever they are cited against a port
 *                             (field to value): a port opens only with a code that matched the identity the donor
 *                             itself bound to it, so "the identity does not match" contradicts the donor
 */
public record RejectionReason(String code, String description, List<EvidenceField> evidence,
    boolean clearinghouseVerifies, boolean individuals, Map<String, String> refutedOnPort) {
  public RejectionReason {
    Objects.requireNonNull(description, "description");
    evidence = List.copyOf(evidence);
    refutedOnPort = Map.copyOf(refutedOnPort);
    for (String field : refutedOnPort.keySet()) {
      if (evidence.stream().noneMatch(f -> f.name().equals(field))) {
        throw new IllegalArgumentException("reason " + code + ": refuted-on-port names " + field
            + ", which is not one of its evidence fields");
      }
    }
    if (code == null || !code.matches("[A-Z][A-Z0-9_]{1,39}")) {
      throw new IllegalArgumentException("a reason code is UPPER_SNAKE_CASE: " + code);
    }
  }
}
