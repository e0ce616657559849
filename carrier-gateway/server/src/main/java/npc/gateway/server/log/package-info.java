/**
 * Logging what carriers and strangers cause without letting them write the log: client text escaped and bounded,
 * expected refusals logged at a low level at most once per interval with a count, and counters of them.
 */
package npc.gateway.server.log;
