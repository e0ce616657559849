package npc.core.routing;

import java.util.Objects;
import npc.core.carrier.CarrierId;
import npc.core.numbering.Msisdn;

/** A ported number's current route, as a snapshot gives it. */
public record Route(Msisdn msisdn, CarrierId carrier, long version) {
  public Route {
    Objects.requireNonNull(msisdn, "msisdn");
    Objects.requireNonNull(carrier, "carrier");
  }
}
