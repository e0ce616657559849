/**
 * The Cassandra implementations of the core's store interfaces. Tables written with conditional writes are never
 * written without one (see the V002 migration for which are which). Depends on the driver and the domain; the
 * domain never depends on this package.
 */
package npc.core.store;
