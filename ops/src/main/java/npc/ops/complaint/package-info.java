/**
 * Subscribers' complaints the regulator records against a carrier about a port, and the regulator's decision on
 * each: kept in the ops schema, and each one an entry of the audit record, which the {@code UPHELD_COMPLAINT} rule
 * reads. Depends on npc-core (the port, the audit trail) and the database; nothing of HTTP.
 */
package npc.ops.complaint;
