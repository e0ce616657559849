package npc.ops.api;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;
import npc.core.carrier.Carrier;
import npc.core.carrier.CarrierSuspensions;

/** A carrier of the regime, and whether the operator has suspended it (since when, by which token, why). */
@Serdeable
record CarrierStatus(String id, String name, String routingNumber, boolean participant, boolean suspended,
    @Nullable Instant suspendedSince, @Nullable String suspendedBy, @Nullable String suspensionReason) {

  static CarrierStatus of(Carrier carrier, @Nullable CarrierSuspensions.Suspension suspension) {
    return new CarrierStatus(carrier.id().value(), carrier.name(), carrier.routingNumber().value(),
        carrier.participant(), suspension != null, suspension == null ? null : suspension.since(),
        suspension == null ? null : suspension.by(), suspension == null ? null : suspension.reason());
  }
}
