/**
 * Notices: what each carrier must be told, kept durably in its outbox until it acknowledges them. A notice is
 * written before the conditional write that makes its news ({@link NotifyingPortStore}), names its subject rather
 * than copying it, and is checked against the subject when it is pushed: a notice whose write never applied is
 * dropped, so a carrier is never told something that did not happen, and never left untold of something that
 * did. Depends on the domain only; the transport that pushes notices lives in the gateway.
 */
package npc.core.notice;
