package npc.audit.store;

import npc.core.storage.SchemaMigrations;

/**
 * The audit's tables: a schema component of its own ("audit"), versioned apart from npc-core's, so that neither's
 * numbering waits for the other's. Open the database with {@code List.of(SchemaMigrations.core(),
 * AuditSchema.migrations())}.
 */
public final class AuditSchema {
  private AuditSchema() {}

  public static SchemaMigrations migrations() {
    return SchemaMigrations.fromClasspath("audit", "npc/audit/storage/migrations");
  }
}
