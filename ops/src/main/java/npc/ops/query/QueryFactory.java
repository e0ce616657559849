package npc.ops.query;

import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;
import npc.core.porting.PortQueries;
import npc.core.regime.Regime;
import npc.core.storage.Database;
import npc.core.store.CassandraPortQueries;

/** The read side the query controllers use, on the service's own database session. */
@Factory
class QueryFactory {
  @Singleton
  PortQueries portQueries(Database database, Regime regime) {
    return new CassandraPortQueries(database.session(), regime.numbers());
  }
}
