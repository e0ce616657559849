package npc.simulator.regime;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A reason of the regime's closed list.
 *
 * @param code the reason's code, e.g. {@code UNPAID_CHARGES}
 * @param evidence the evidence fields the donor must send with it, in the regime's order, each with its type as the
 *     regime writes it ({@code PAST_MONTH}, {@code ONE_OF(A|B)}); empty for a reason the clearinghouse verifies
 * @param clearinghouseVerifies whether the clearinghouse checks the claim against its own data (and so can refute it)
 * @param refutedOnPort the evidence {@code field:value} the clearinghouse refutes on a port, if any
 *     ({@code mismatch:IDENTITY_MISMATCH}): a claim the donor contradicts by its own earlier act
 * @param individuals whether the reason may be held against an individual subscriber (otherwise corporate only)
 */
public record Reason(
    String code, Map<String, String> evidence, boolean clearinghouseVerifies, Optional<String> refutedOnPort,
    boolean individuals) {

  public Reason {
    evidence = Collections.unmodifiableMap(new LinkedHashMap<>(evidence));
  }

  /** A condition a subscriber can really have, which the donor evidences from its own records. */
  public boolean isCondition() {
    return !clearinghouseVerifies && !evidence.isEmpty();
  }

  /** A claim the clearinghouse can refute from its own data. */
  public boolean isRefutable() {
    return clearinghouseVerifies || refutedOnPort.isPresent();
  }

  /** Whether this reason may be held against a subscriber of this type. */
  public boolean appliesTo(boolean corporate) {
    return corporate || individuals;
  }

  /** The scenario file's name of the condition: the code in lower case ({@code unpaid_charges}). */
  public String conditionName() {
    return code.toLowerCase(java.util.Locale.ROOT);
  }
}
