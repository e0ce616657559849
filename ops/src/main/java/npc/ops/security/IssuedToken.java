package npc.ops.security;

import io.micronaut.serde.annotation.Serdeable;

/** A token just created: the only moment its secret {@code token} is known to anyone but its holder. */
@Serdeable
public record IssuedToken(ApiToken token, String secret) {}
