package npc.ops.api;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Pattern;
import java.util.List;
import npc.core.carrier.CarrierId;
import npc.core.regime.Regime;
import npc.ops.security.ApiToken;
import npc.ops.security.Caller;
import npc.ops.security.IssuedToken;
import npc.ops.security.Role;
import npc.ops.security.TokenStore;

/** The API's tokens, for operators: create one (its secret is shown once), list them, revoke one. */
@Controller("/api/v1/tokens")
@Secured("OPERATOR")
@ExecuteOn(TaskExecutors.BLOCKING)
class TokensController {
  private static final String ID = "[0-9a-f]{12}";

  private final TokenStore tokens;
  private final Regime regime;

  TokensController(TokenStore tokens, Regime regime) {
    this.tokens = tokens;
    this.regime = regime;
  }

  @Operation(summary = "Create a token; the answer holds its secret, which is never shown again")
  @Post
  HttpResponse<IssuedToken> create(@Body @Valid TokenRequest request, Authentication authentication) {
    Role role = Role.parse(request.role());
    CarrierId carrier = null;
    if (role == Role.CARRIER) {
      if (request.carrier() == null) {
        throw ApiException.invalid("carrier", "a CARRIER token is bound to one carrier: name it");
      }
      carrier = new CarrierId(request.carrier());
      if (regime.carriers().find(carrier).isEmpty()) {
        throw ApiException.invalid("carrier", "unknown carrier " + carrier + " in regime " + regime.id());
      }
    } else if (request.carrier() != null) {
      throw ApiException.invalid("carrier", "only a CARRIER token names a carrier, not an " + role + " token");
    }
    String label = request.label() == null ? "" : request.label();
    return HttpResponse.created(tokens.create(role, carrier, label, Caller.of(authentication).tokenId()));
  }

  @Operation(summary = "Every token, revoked ones too, without their secrets")
  @Get
  List<ApiToken> list() {
    return tokens.list();
  }

  @Operation(summary = "One token, without its secret")
  @Get("/{id}")
  ApiToken find(@PathVariable @Pattern(regexp = ID, message = "must be a token id: 12 hex digits") String id) {
    return tokens.find(id).orElseThrow(() -> ApiException.notFound("token " + id));
  }

  @Operation(summary = "Revoke a token: it authenticates no request from now on")
  @Delete("/{id}")
  ApiToken revoke(@PathVariable @Pattern(regexp = ID, message = "must be a token id: 12 hex digits") String id) {
    return tokens.revoke(id).orElseThrow(() -> ApiException.notFound("token " + id));
  }
}
