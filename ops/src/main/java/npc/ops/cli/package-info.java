/** The {@code npc} command line: {@code npc start}, {@code npc help}, and the commands later issues add. */
package npc.ops.cli;
