package npc.ops.conduct;

import io.micronaut.context.annotation.Factory;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;
import java.time.Clock;
import npc.audit.store.CassandraFindingStore;
import npc.core.porting.PortingService;
import npc.core.storage.Database;

/** The bad-conduct list on the database's session, over the findings the service's rounds keep. */
@Factory
class ConductFactory {
  @Singleton
  BadConduct badConduct(Database database, CassandraFindingStore findings, PortingService service, JsonMapper json) {
    return new BadConduct(findings, new CassandraConfirmations(database.session(), json), service, json,
        Clock.systemUTC());
  }
}
