package npc.ops.api;

import io.micronaut.serde.annotation.Serdeable;
import java.util.List;
import npc.core.carrier.Carrier;
import npc.core.regime.Regime;

/**
 * The regime in force as the API shows it: the porting rules' identity, time zone, timers (ISO-8601 durations),
 * its carriers and the closed list of rejection reasons.
 */
@Serdeable
record RegimeView(String id, String name, String zone, String eligibilityAnswer, String donorAnswer,
    String routingAck, String lockPeriod, String activation, List<CarrierView> carriers, List<Reason> reasons) {

  /** One rejection reason of the closed list. */
  @Serdeable
  record Reason(String code, String description) {}

  /** One carrier of the regime. */
  @Serdeable
  record CarrierView(String id, String name, String routingNumber, boolean participant) {
    static CarrierView of(Carrier carrier) {
      return new CarrierView(carrier.id().value(), carrier.name(), carrier.routingNumber().value(),
          carrier.participant());
    }
  }

  static List<CarrierView> carriers(Regime regime) {
    return regime.carriers().all().stream().map(CarrierView::of).toList();
  }

  static RegimeView of(Regime regime) {
    return new RegimeView(regime.id(), regime.name(), regime.zone().getId(), regime.eligibilityAnswer().toString(),
        regime.donorAnswer().toString(), regime.routingAck().toString(), regime.lockPeriod().toString(),
        regime.activation().toString(), carriers(regime),
        regime.reasons().stream().map(r -> new Reason(r.code(), r.description())).toList());
  }
}
