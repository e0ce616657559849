/**
 * The simulator (to come): synthetic carriers and subscribers, honest and obstructive, that drive the real
 * gateway over TCP and TLS through the client SDK and read results through the HTTP API. A black box to the
 * clearinghouse: it depends on the client SDK only.
 */
package npc.simulator;
