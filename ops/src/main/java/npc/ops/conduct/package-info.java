/**
 * The bad-conduct list (不良名单): the regulator confirms a detector's finding (an audit entry,
 * {@code FINDING_CONFIRMED}), and the list names every carrier, and every channel of a carrier, with confirmed
 * findings, each entry with its findings and their evidence (entries of the record, ports). Published as JSON and as
 * a printable page. Depends on the audit module's findings store, npc-core (ports, the trail), the database and the
 * API's conventions ({@code npc.ops.api}).
 */
package npc.ops.conduct;
