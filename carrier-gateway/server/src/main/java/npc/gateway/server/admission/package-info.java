/**
 * What the gateway admits at its edge: new connections at a bounded rate per source address and in all, a bounded
 * number open, and a bounded number of sessions per carrier and in all. Each carrier is a competitor: none may use up
 * what the others need to connect.
 */
package npc.gateway.server.admission;
