/**
 * The obstruction detectors: one {@link npc.audit.detect.Detector} per rule id of the audit issue's table, each a
 * pure function of the record ({@link npc.audit.detect.AuditHistory}), so that {@code ./npc audit findings} over a
 * verified export ({@link npc.audit.detect.VerifiedEntries}) recomputes exactly the service's findings. A finding
 * rests on entries that show the carrier's own conduct; a rate far above peers is only a
 * {@link npc.audit.detect.Signal} ({@link npc.audit.detect.PeerComparison}). The entry contract detectors read, and
 * every default threshold with its reason, are in {@code audit/docs/detectors.md}. Depends on
 * {@code npc.audit.record} and {@code npc.audit.export}.
 */
package npc.audit.detect;
