package npc.ops.access;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import npc.core.audit.AuditKind;
import npc.core.audit.AuditStep;
import npc.ops.security.Caller;
import npc.ops.security.Role;

/**
 * Which requests of the API become entries, and what they hold: a refusal (401, 403, 404) whoever asked, and a read
 * ({@code GET}, {@code HEAD}) by a regulator or an operator whatever its outcome. A carrier's own reads are its
 * business and the gateway's; writes record their own steps (complaints, reversals, confirmations).
 */
public final class AccessEntries {
  /** The longest query string kept in an entry: enough to say what was asked, never a bulk payload. */
  static final int MAX_QUERY = 512;

  private AccessEntries() {}

  /** The entry of a request answered {@code status}, or empty when it needs none. */
  public static Optional<AuditStep> of(String method, String path, Optional<String> query, int status,
      Optional<Caller> caller, Instant at) {
    boolean refused = status == 401 || status == 403 || status == 404;
    boolean read = (method.equals("GET") || method.equals("HEAD")) && caller.map(Caller::role)
        .filter(r -> r == Role.REGULATOR || r == Role.OPERATOR).isPresent();
    if (!refused && !read) {
      return Optional.empty();
    }
    AuditStep step = AuditStep.of(UUID.randomUUID(), refused ? AuditKind.API_REFUSED : AuditKind.API_READ, at)
        .with("method", method).with("path", path).with("status", String.valueOf(status));
    if (query.isPresent() && !query.get().isEmpty()) {
      String q = query.get();
      step = step.with("query", q.length() > MAX_QUERY ? q.substring(0, MAX_QUERY) + "…" : q);
    }
    return Optional.of(caller.isPresent() ? step.withActorName(caller.get().actor()) : step.with("caller",
        "anonymous"));
  }
}
