/**
 * Random spot checks (双随机): the regulator draws a sample of one carrier's ports for a period, for inspection. The
 * service draws the seed, records it with the parameters in the audit record before drawing, then draws with a
 * documented deterministic algorithm ({@link npc.ops.spotcheck.SampleDraw}) over the ports the record holds for the
 * carrier and period ({@link npc.ops.spotcheck.AuditPopulation}), so anyone with an export can reproduce the
 * sample, and every draw, kept or not, is an entry: nobody can redraw quietly until the sample suits. Depends on
 * npc-core (the trail), the audit module's store (the population) and the database; its controller on the API's
 * conventions ({@code npc.ops.api}).
 */
package npc.ops.spotcheck;
