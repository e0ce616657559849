package npc.ops.certificate;

import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;
import java.time.Clock;
import npc.core.carrier.CarrierCertificates;
import npc.core.porting.PortingService;
import npc.ops.gateway.CarrierCa;

/** The operator's certificates on the gateway's registry and CA, recorded through the porting core's audit. */
@Factory
class CertificateFactory {
  @Singleton
  Certificates certificates(CarrierCertificates registry, CarrierCa ca, PortingService service) {
    return new Certificates(registry, ca, service, Clock.systemUTC());
  }
}
