/**
 * The record of who read what: every read of the API by a regulator or an operator ({@code API_READ}) and every
 * refusal of the API (401, 403, 404: {@code API_REFUSED}) becomes an entry of the audit record, with the caller
 * ({@code ROLE:<token id>}), the request and the status. A server filter builds the entry after the response
 * ({@link npc.ops.access.AccessEntries}); {@link npc.ops.access.AccessLog} appends entries through the core's
 * {@code AuditTrail} off the request's thread, in parallel batches, from a bounded queue whose places are reserved
 * before a request is served: when the record cannot take entries, requests are refused 503 instead of being served
 * unrecorded. Depends on npc-core (the trail), micronaut-security (the caller) and the API's problems.
 */
package npc.ops.access;
