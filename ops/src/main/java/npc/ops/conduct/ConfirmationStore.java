package npc.ops.conduct;

import java.util.List;
import java.util.Optional;

/** Where confirmations are kept. */
public interface ConfirmationStore {
  /** Keeps {@code confirmation} unless its finding was confirmed already; returns the earlier one then. */
  Optional<Confirmation> confirm(Confirmation confirmation);

  /** The confirmations of {@code carrier}'s findings. */
  List<Confirmation> ofCarrier(String carrier);
}
