package npc.ops.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import npc.ops.security.DevelopmentTokens;
import npc.ops.security.Role;
import org.junit.jupiter.api.Test;

/**
 * Tokens over HTTP on the running service: created by an operator, usable at once, listed without secrets, refused
 * once revoked; every refusal a problem document; bad input refused before any change.
 */
class TokensApiIT {
  private static final Pattern SECRET = Pattern.compile("\"secret\":\"(npc_([0-9a-f]{12})_[A-Za-z0-9_-]{43})\"");
  private final RunningService service = RunningService.get();
  private final String operator = service.developmentToken(Role.OPERATOR);
  private final String regulator = service.developmentToken(Role.REGULATOR);

  @Test
  void theFirstStartWritesAnOperatorAndARegulatorTokenOnlyTheOwnerCanRead() throws Exception {
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(service.tokensDir)))
        .isEqualTo("rwx------");
    for (Role role : new Role[] {Role.OPERATOR, Role.REGULATOR}) {
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(
          DevelopmentTokens.file(service.tokensDir, role)))).isEqualTo("rw-------");
    }
    assertThat(service.get("/api/v1/tokens", operator).statusCode()).isEqualTo(200);
    assertThat(service.get("/api/v1/tokens", regulator).statusCode()).as("a regulator may not manage tokens")
        .isEqualTo(403);
  }

  @Test
  void aCreatedTokenAuthenticatesIsListedWithoutItsSecretAndIsRefusedOnceRevoked() {
    HttpResponse<String> created = service.send("POST", "/api/v1/tokens", operator,
        "{\"role\":\"OPERATOR\",\"label\":\"second operator\"}");
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    Matcher m = SECRET.matcher(created.body());
    assertThat(m.find()).as(created.body()).isTrue();
    String secret = m.group(1);
    String id = m.group(2);
    assertThat(service.get("/api/v1/tokens", secret).statusCode()).isEqualTo(200);

    String list = service.get("/api/v1/tokens", operator).body();
    assertThat(list).contains("\"id\":\"" + id + "\"", "second operator").doesNotContain(secret)
        .doesNotContain("sha256").doesNotContain("secret");

    HttpResponse<String> revoked = service.send("DELETE", "/api/v1/tokens/" + id, operator, null);
    assertThat(revoked.statusCode()).isEqualTo(200);
    assertThat(revoked.body()).contains("\"revokedAt\":");
    HttpResponse<String> refused = service.get("/api/v1/tokens", secret);
    assertProblem(refused, 401, "unauthenticated");
    assertThat(refused.headers().firstValue("WWW-Authenticate")).hasValue("Bearer");
  }

  @Test
  void aCarrierTokenIsBoundToAKnownCarrier() {
    HttpResponse<String> created = service.send("POST", "/api/v1/tokens", operator,
        "{\"role\":\"CARRIER\",\"carrier\":\"CM\"}");
    assertThat(created.statusCode()).isEqualTo(201);
    assertThat(created.body()).contains("\"carrier\":\"CM\"", "\"role\":\"CARRIER\"");
    assertThat(service.get("/api/v1/tokens", secret(created)).statusCode()).as("a carrier manages no tokens")
        .isEqualTo(403);
  }

  @Test
  void missingMalformedAndUnknownTokensAre401() {
    assertProblem(service.get("/api/v1/tokens", null), 401, "unauthenticated");
    assertProblem(service.get("/api/v1/tokens", "not-a-token"), 401, "unauthenticated");
    assertProblem(service.get("/api/v1/tokens", "npc_0123456789ab_" + "A".repeat(43)), 401, "unauthenticated");
    String forged = operator.substring(0, operator.length() - 1) + (operator.endsWith("A") ? "B" : "A");
    assertProblem(service.get("/api/v1/tokens", forged), 401, "unauthenticated");
  }

  @Test
  void invalidInputIs400NamingTheFieldAndCreatesNothing() {
    int before = count();
    assertField(service.send("POST", "/api/v1/tokens", operator, "{\"role\":\"KING\"}"), "role");
    assertField(service.send("POST", "/api/v1/tokens", operator, "{}"), "role");
    assertField(service.send("POST", "/api/v1/tokens", operator, "{\"role\":\"CARRIER\"}"), "carrier");
    assertField(service.send("POST", "/api/v1/tokens", operator, "{\"role\":\"CARRIER\",\"carrier\":\"ZZ9\"}"),
        "carrier");
    assertField(service.send("POST", "/api/v1/tokens", operator, "{\"role\":\"CARRIER\",\"carrier\":\"cm!\"}"),
        "carrier");
    assertField(service.send("POST", "/api/v1/tokens", operator, "{\"role\":\"REGULATOR\",\"carrier\":\"CM\"}"),
        "carrier");
    assertField(service.send("DELETE", "/api/v1/tokens/xyz", operator, null), "id");
    assertThat(count()).as("no token was created by refused requests").isEqualTo(before);
  }

  @Test
  void anUnknownTokenIdIs404() {
    assertProblem(service.send("DELETE", "/api/v1/tokens/000000000000", operator, null), 404, "not-found");
    assertProblem(service.get("/api/v1/tokens/000000000000", operator), 404, "not-found");
  }

  @Test
  void aBodyOverTheLimitIs413AndCreatesNothing() {
    int before = count();
    String huge = "{\"role\":\"OPERATOR\",\"label\":\"" + "x".repeat(70_000) + "\"}";
    assertProblem(service.send("POST", "/api/v1/tokens", operator, huge), 413, "too-large");
    assertThat(count()).isEqualTo(before);
  }

  private int count() {
    String list = service.get("/api/v1/tokens", operator).body();
    return list.split("\"id\":", -1).length - 1;
  }

  private static String secret(HttpResponse<String> created) {
    Matcher m = SECRET.matcher(created.body());
    assertThat(m.find()).as(created.body()).isTrue();
    return m.group(1);
  }

  static void assertField(HttpResponse<String> response, String field) {
    assertProblem(response, 400, "invalid-input");
    assertThat(response.body()).contains("\"field\":\"" + field + "\"");
  }

  static void assertProblem(HttpResponse<String> response, int status, String kind) {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
    assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
        type -> assertThat(type).startsWith("application/problem+json"));
    assertThat(response.body()).contains("\"type\":\"urn:npc:problem:" + kind + "\"", "\"status\":" + status,
        "\"title\":", "\"detail\":");
  }
}
