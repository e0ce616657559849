package npc.ops.security;

import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;
import java.time.Clock;
import npc.core.carrier.CarrierSuspensions;
import npc.core.storage.Database;

/** The token store and the operator's carrier suspensions, on the database. */
@Factory
class SecurityFactory {

  @Singleton
  TokenStore tokenStore(Database database) {
    return new TokenStore(database.session(), Clock.systemUTC());
  }

  @Singleton
  CarrierSuspensions carrierSuspensions(Database database) {
    return new CassandraCarrierSuspensions(database.session());
  }
}
