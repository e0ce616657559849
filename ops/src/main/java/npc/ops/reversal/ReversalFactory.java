package npc.ops.reversal;

import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;
import npc.core.porting.PortingService;

/** Reversals on the service's porting core. */
@Factory
class ReversalFactory {
  @Singleton
  Reversals reversals(PortingService service) {
    return new Reversals(service);
  }
}
