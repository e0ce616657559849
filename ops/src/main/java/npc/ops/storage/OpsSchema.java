package npc.ops.storage;

import npc.core.storage.SchemaMigrations;

/**
 * The ops service's own tables (API tokens): a schema component of its own ("ops"), versioned apart from npc-core's
 * and the audit's, so that none of their numberings waits for another's.
 */
public final class OpsSchema {
  private OpsSchema() {}

  public static SchemaMigrations migrations() {
    return SchemaMigrations.fromClasspath("ops", "npc/ops/storage/migrations");
  }
}
