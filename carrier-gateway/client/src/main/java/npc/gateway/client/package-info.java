/**
 * The Java SDK for carriers (to come): asynchronous calls returning {@code CompletableFuture}, reconnect with
 * backoff and jitter, automatic resume of the routing stream, callbacks for a donor's duties and a local routing
 * mirror. Depends on the protocol module only: a carrier needs nothing else of npc.
 */
package npc.gateway.client;
