/**
 * Wiring of the carrier gateway into the service: the {@code npc.gateway.*} configuration keys, the TLS material
 * (the operator's own CA and server certificate, or a development PKI created on first start) and the
 * {@code GatewayServer} bean, which serves the application service of {@code npc.ops.service} and closes before
 * the database. The gateway's own code lives in carrier-gateway/server; this package only assembles it.
 */
package npc.ops.gateway;
