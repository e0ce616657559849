package npc.core.porting;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import npc.core.carrier.CarrierId;

/**
 * A donor's answer to a port: accept, or reject with one reason of the closed list and its evidence. Warnings
 * (value-added services, family plans...) never block a port.
 */
public sealed interface DonorAnswer {
  CarrierId donor();

  UUID portId();

  List<String> warnings();

  record Accept(CarrierId donor, UUID portId, List<String> warnings) implements DonorAnswer {
    public Accept {
      Objects.requireNonNull(donor, "donor");
      Objects.requireNonNull(portId, "portId");
      warnings = List.copyOf(warnings);
    }
  }

  record Reject(CarrierId donor, UUID portId, String reason, Map<String, String> evidence, List<String> warnings)
      implements DonorAnswer {
    public Reject {
      Objects.requireNonNull(donor, "donor");
      Objects.requireNonNull(portId, "portId");
      Objects.requireNonNull(reason, "reason");
      evidence = Map.copyOf(evidence);
      warnings = List.copyOf(warnings);
    }
  }
}
