/**
 * Carriers: their ids, the routing numbers calls to their ported-in numbers carry, and the registry of the
 * carriers connected to the clearinghouse. Depends on nothing else of npc.
 */
package npc.core.carrier;
