/**
 * Reports: one carrier's conduct over one period ({@link npc.audit.report.CarrierReport}), built from the record's
 * entries and the detectors' results over the same history ({@link npc.audit.report.ReportBuilder}), with the
 * compensation a regime sets per number per day of delay ({@link npc.audit.report.CompensationRate}), written as
 * JSON or CSV ({@link npc.audit.report.ReportFormats}).
 */
package npc.audit.report;
