/**
 * The detectors in the running service: {@link npc.audit.findings.FindingsRunner} runs them every round over a
 * sliding window of the stored record, read incrementally, and keeps the results in a
 * {@link npc.audit.findings.FindingStore} (in Cassandra, {@code audit_findings}), queried by carrier, rule and period.
 * The detectors themselves are {@code npc.audit.detect}, pure functions of the entries.
 */
package npc.audit.findings;
