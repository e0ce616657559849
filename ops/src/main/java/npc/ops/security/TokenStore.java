package npc.ops.security;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import npc.core.carrier.CarrierId;
import npc.core.storage.Consistency;

/**
 * The API's tokens in Cassandra ({@code api_tokens}), hashes only. Every write is conditional, so that a revocation
 * is never lost to a concurrent one and a token id is never reused. Lookups are one partition read by the id that
 * the token carries; listing reads the whole table, which holds one row per person or system given access, a few
 * hundred at most.
 */
public final class TokenStore {
  private final CqlSession session;
  private final Clock clock;
  private final PreparedStatement insert;
  private final PreparedStatement select;
  private final PreparedStatement selectAll;
  private final PreparedStatement revoke;

  public TokenStore(CqlSession session, Clock clock) {
    this.session = session;
    this.clock = clock;
    insert = session.prepare("INSERT INTO api_tokens (token_id, sha256, role, carrier_id, label, created_at, "
        + "created_by) VALUES (?, ?, ?, ?, ?, ?, ?) IF NOT EXISTS");
    select = session.prepare(Consistency.read("SELECT * FROM api_tokens WHERE token_id = ?"));
    selectAll = session.prepare(Consistency.read("SELECT * FROM api_tokens"));
    revoke = session.prepare("UPDATE api_tokens SET revoked_at = ? WHERE token_id = ? IF revoked_at = null");
  }

  /** A new token with a fresh secret, stored as its hash. */
  public IssuedToken create(Role role, CarrierId carrier, String label, String createdBy) {
    while (true) {
      TokenSecret secret = TokenSecret.generate();
      Optional<ApiToken> stored = register(secret, role, carrier, label, createdBy);
      if (stored.isPresent()) {
        return new IssuedToken(stored.get(), secret.text());
      }
      // 48 random bits of id collided with an existing token: draw again rather than overwrite it.
    }
  }

  /**
   * Stores {@code secret}'s hash unless its id exists; returns the stored token, or empty when the id was taken
   * (the existing row, revoked or not, is left as it is).
   */
  public Optional<ApiToken> register(TokenSecret secret, Role role, CarrierId carrier, String label,
      String createdBy) {
    ApiToken token = new ApiToken(secret.id(), role, carrier == null ? null : carrier.value(), label,
        clock.instant(), createdBy, null);
    boolean applied = session.execute(insert.bind(token.id(), ByteBuffer.wrap(secret.sha256()), role.name(),
        token.carrier(), label, token.createdAt(), createdBy)).wasApplied();
    return applied ? Optional.of(token) : Optional.empty();
  }

  /**
   * The valid (stored, unrevoked) token whose hash is that of {@code secret}. Asynchronous: it runs for every API
   * request, on the HTTP server's event loop, which must not wait for the database.
   */
  public CompletionStage<Optional<ApiToken>> authenticate(TokenSecret secret) {
    return session.executeAsync(select.bind(secret.id())).thenApply(rows -> {
      Row row = rows.one();
      if (row == null || !secret.matches(bytes(row.getByteBuffer("sha256")))) {
        return Optional.empty();
      }
      ApiToken token = token(row);
      return token.revoked() ? Optional.empty() : Optional.of(token);
    });
  }

  public Optional<ApiToken> find(String id) {
    return Optional.ofNullable(session.execute(select.bind(id)).one()).map(TokenStore::token);
  }

  /** Every token, revoked ones too, oldest first. */
  public List<ApiToken> list() {
    List<ApiToken> tokens = new ArrayList<>();
    for (Row row : session.execute(selectAll.bind())) {
      tokens.add(token(row));
    }
    tokens.sort(Comparator.comparing(ApiToken::createdAt).thenComparing(ApiToken::id));
    return tokens;
  }

  /**
   * Revokes the token {@code id}: it authenticates no request from now on. Empty when there is no such token;
   * revoking a revoked token changes nothing and returns it with its first revocation time.
   */
  public Optional<ApiToken> revoke(String id) {
    if (find(id).isEmpty()) {
      return Optional.empty(); // checked first: the conditional update would create a row for an unknown id
    }
    session.execute(revoke.bind(clock.instant(), id));
    return find(id);
  }

  private static ApiToken token(Row row) {
    return new ApiToken(row.getString("token_id"), Role.valueOf(row.getString("role")), row.getString("carrier_id"),
        row.getString("label"), row.getInstant("created_at"), row.getString("created_by"),
        row.getInstant("revoked_at"));
  }

  private static byte[] bytes(ByteBuffer buffer) {
    if (buffer == null) {
      return null;
    }
    byte[] bytes = new byte[buffer.remaining()];
    buffer.duplicate().get(bytes);
    return bytes;
  }
}
