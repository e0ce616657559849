/** Test support for the core: a clock tests move by hand, and an event sink that records what was published. */
package npc.core.testing;
