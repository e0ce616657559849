/**
 * The seeded model of a run: subscribers placed in the carriers' real number blocks with their truth (conditions,
 * corporate or not), and their demand (open-loop arrivals, destinations, retries, complaints, cancels). Every draw is
 * a pure function of the scenario's seed and the draw's keys, so a run is reproducible whatever the order in which
 * threads ask. Compact by design: a subscriber is an index into primitive arrays and its number is derived from the
 * index, so that ten million fit a default heap. Depends on the scenario and regime packages only.
 */
package npc.simulator.model;
