/**
 * Who may use the HTTP API: bearer tokens ({@code npc_<id>_<secret>}) stored only as SHA-256 hashes in the ops
 * schema's {@code api_tokens}, revocable, each with one {@link npc.ops.security.Role} (a carrier's bound to its
 * carrier). {@link npc.ops.security.BearerTokenValidator} plugs them into micronaut-security; controllers state
 * their roles with {@code @Secured} and read the caller as a {@link npc.ops.security.Caller}. The first start
 * writes an operator and a regulator token for development ({@link npc.ops.security.DevelopmentTokens}).
 */
package npc.ops.security;
