/**
 * Version 1 of the carrier protocol, generated from the {@code .proto} files of package {@code npc.carrier.v1}
 * in {@code src/main/proto}. The {@code .proto} files are the integration contract; nothing here is written by
 * hand except this note. Depends on protobuf-java only.
 */
package npc.gateway.protocol.v1;
