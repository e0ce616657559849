/**
 * npc-core: the clearinghouse's domain and its Cassandra store. It knows nothing of transports: no Netty, no
 * Micronaut, no protobuf. The gateway, the audit and the operations service reach it through its application
 * service and the interfaces it declares.
 */
package npc.core;
