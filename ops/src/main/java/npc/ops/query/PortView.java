package npc.ops.query;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import npc.core.porting.Port;

/** A port as the API gives it: its parties, its state and the time of each step it took (null until it does). */
@Serdeable
record PortView(String id, String msisdn, String orderId, String channel, String recipient, String donor,
    String subscriberType, String state, Instant submittedAt, Instant donorDeadline, @Nullable Instant answeredAt,
    boolean deemed, @Nullable String reason, Map<String, String> evidence, List<String> warnings,
    @Nullable Instant activationAt, @Nullable Instant activatedAt, @Nullable Instant endedAt,
    @Nullable String endReason, @Nullable String reversalReference) {

  static PortView of(Port p) {
    return new PortView(p.id().toString(), p.msisdn().toString(), p.orderId(), p.channel(), p.recipient().value(),
        p.donor().value(), p.subscriberType().name(), p.state().name(), p.submittedAt(), p.donorDeadline(),
        orNull(p.answeredAt()), p.deemed(), orNull(p.reason()), p.evidence(), p.warnings(), orNull(p.activationAt()),
        orNull(p.activatedAt()), orNull(p.endedAt()), orNull(p.endReason()), orNull(p.reversalReference()));
  }

  private static <T> T orNull(Optional<T> value) {
    return value.orElse(null);
  }

  /** One page of ports, and the token of the next page while there may be more (null on the last). */
  @Serdeable
  record Page(List<PortView> ports, @Nullable String next) {}
}
