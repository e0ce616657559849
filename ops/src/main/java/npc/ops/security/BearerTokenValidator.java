package npc.ops.security;

import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.http.HttpRequest;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.token.validator.TokenValidator;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.reactivestreams.Publisher;

/**
 * Turns the bearer token of a request into the caller's {@link Authentication}: its token id as the name, its role,
 * and for a carrier the carrier it is bound to ({@link #CARRIER_ATTRIBUTE}). A token that is malformed, unknown or
 * revoked authenticates nobody, and the request goes on anonymous (so a secured route answers 401).
 */
@Singleton
final class BearerTokenValidator implements TokenValidator<HttpRequest<?>> {
  /** The attribute of a carrier's authentication that names its carrier. */
  static final String CARRIER_ATTRIBUTE = "carrier";

  private final TokenStore tokens;

  BearerTokenValidator(TokenStore tokens) {
    this.tokens = tokens;
  }

  @Override
  public Publisher<Authentication> validateToken(String token, HttpRequest<?> request) {
    Optional<TokenSecret> secret = TokenSecret.parse(token);
    if (secret.isEmpty()) {
      return Publishers.empty();
    }
    CompletableFuture<Optional<ApiToken>> found = tokens.authenticate(secret.get()).toCompletableFuture();
    return Publishers.fromCompletableFuture(() -> found.thenApply(t -> t.map(BearerTokenValidator::authentication)
        .orElse(null)));
  }

  static Authentication authentication(ApiToken token) {
    Map<String, Object> attributes = token.carrier() == null ? Map.of()
        : Map.of(CARRIER_ATTRIBUTE, token.carrier());
    return Authentication.build(token.id(), List.of(token.role().name()), attributes);
  }
}
