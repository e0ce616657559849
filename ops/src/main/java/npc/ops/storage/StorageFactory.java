package npc.ops.storage;

import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Factory;
import java.util.List;
import npc.audit.store.AuditSchema;
import npc.core.storage.Database;
import npc.core.storage.SchemaMigrations;

/**
 * Opens the database when the service starts (not at first use, so that a node that cannot start or a schema
 * that cannot migrate stops start-up with its reason) and closes it, with the embedded node, when it stops. The
 * schema is the core's, the audit record's and the API's (its tokens), each a component versioned on its own.
 */
@Factory
class StorageFactory {

  @Context
  @Bean(preDestroy = "close")
  Database database(CassandraConfiguration configuration) {
    return Database.open(configuration.toSettings(), List.of(SchemaMigrations.core(), AuditSchema.migrations(),
        OpsSchema.migrations()));
  }
}
