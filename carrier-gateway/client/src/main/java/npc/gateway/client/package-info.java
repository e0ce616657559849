/**
 * The Java SDK for carriers. {@link npc.gateway.client.CarrierClient} keeps one mutual-TLS connection to the
 * clearinghouse's gateway, reconnecting with backoff and full jitter until closed; its calls return
 * {@code CompletableFuture}s that fail with a {@link npc.gateway.client.CarrierClientException} saying whether
 * the request may have been acted on. Notifications reach a {@link npc.gateway.client.CarrierListener} once each,
 * off the network thread, and are acknowledged after the listener returns. The routing stream keeps a
 * {@link npc.gateway.client.RoutingMirror} current and resumes after its position on every connection.
 *
 * <p>Depends on the protocol module, Netty and the SLF4J API only: a carrier needs nothing else of npc. All
 * connection state changes on one event loop thread; the public types are safe to use from any thread.
 */
package npc.gateway.client;
