package npc.audit.detect;

/**
 * One rule of the audit issue's table, as a pure function of the record: the same history gives the same findings,
 * whether read from Cassandra or from a verified export. A detector never reads in-memory events or a clock.
 */
public interface Detector {
  Rule rule();

  Detection detect(AuditHistory history);
}
