/**
 * Immutable domain events: what happened to ports, numbers, codes and routes, published after the write that made
 * it so. The gateway turns them into notifications; the audit appends them to its log. Depends on the domain
 * packages only.
 */
package npc.core.event;
