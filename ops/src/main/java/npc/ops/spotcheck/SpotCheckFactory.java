package npc.ops.spotcheck;

import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;
import java.time.Clock;
import npc.audit.store.CassandraAuditStore;
import npc.core.porting.PortingService;
import npc.core.storage.Database;

/** Spot checks on the database's session, drawn from the service's audit record. */
@Factory
class SpotCheckFactory {
  @Singleton
  SpotChecks spotChecks(Database database, CassandraAuditStore record, PortingService service) {
    return new SpotChecks(new CassandraSpotChecks(database.session()), new AuditPopulation(record), service,
        Clock.systemUTC());
  }
}
