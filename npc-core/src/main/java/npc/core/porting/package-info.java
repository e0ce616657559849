/**
 * The application service, the only door into the core: commands in, typed results out, immutable domain events
 * to the gateway and the audit. It enforces the regime (closed list, evidence, timers) and the clearinghouse's own
 * checks, and drives each port through {@link npc.core.port.PortLifecycle} with conditional writes to its store.
 *
 * <p>Three kinds of "no" stay apart: a request the service refuses ({@link npc.core.porting.Refused}: bad input,
 * nothing written), a port the clearinghouse rejects ({@link npc.core.porting.PortOutcome.RejectedByClearinghouse}),
 * and a port the donor rejects (a port in state {@code REJECTED_BY_DONOR}). Depends on the domain packages and
 * the store and event interfaces, never on a transport.
 */
package npc.core.porting;
