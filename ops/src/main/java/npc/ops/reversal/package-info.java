/**
 * The regulator's approval of a reversal: {@code POST /api/v1/ports/{id}/reversal} with an approval reference,
 * carried out by npc-core ({@code PortingService.reverse}), which gives the number back to the donor, tells both
 * carriers through their outboxes and records {@code PORT_REVERSED} with the approver as actor. Depends on npc-core
 * and the API's conventions ({@code npc.ops.api}); keeps no table of its own: the port is the record of it.
 */
package npc.ops.reversal;
