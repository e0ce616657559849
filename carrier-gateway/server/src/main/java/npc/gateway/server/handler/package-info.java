/**
 * One small handler per request body: read the fields, call the core's application service for the session's
 * carrier (a carrier never names itself), turn the result into the response. No handler writes anything itself;
 * the service checks every rule and writes nothing for a refusal.
 */
package npc.gateway.server.handler;
