package npc.core.storage;

/**
 * The database was migrated by a newer npc than this one. Starting would mean running old code against a
 * schema it does not know, so start-up stops.
 */
public final class SchemaTooNewException extends SchemaMigrationException {
  private static final long serialVersionUID = 1L;

  SchemaTooNewException(String component, int databaseVersion, int codeVersion) {
    super("the database's " + component + " schema is at version " + databaseVersion + ", but this npc knows "
        + "versions up to " + codeVersion + ": run a newer npc against this database, or point this one at "
        + "another keyspace");
  }
}
