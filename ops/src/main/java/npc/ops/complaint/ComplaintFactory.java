package npc.ops.complaint;

import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;
import java.time.Clock;
import npc.core.porting.PortingService;
import npc.core.storage.Database;

/** The complaints on the database's session, recorded through the service's audit trail. */
@Factory
class ComplaintFactory {
  @Singleton
  Complaints complaints(Database database, PortingService service) {
    return new Complaints(new CassandraComplaints(database.session()), service, Clock.systemUTC());
  }
}
