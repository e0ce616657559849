package npc.ops.security;

import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;
import java.time.Clock;
import npc.core.storage.Database;

/** The token store on the database. */
@Factory
class SecurityFactory {

  @Singleton
  TokenStore tokenStore(Database database) {
    return new TokenStore(database.session(), Clock.systemUTC());
  }
}
