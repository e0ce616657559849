package npc.ops.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import npc.ops.security.Role;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every route of the router, called by every role and by nobody: who is refused must be exactly what
 * {@link #ALLOWED} says. The routes come from the running router, not from this list, so a new endpoint that is
 * missing here fails the test until its roles are written down. Path variables are filled with ids that exist
 * nowhere ({@link #SAMPLES}) and bodies are empty objects, so that an allowed call is answered 400 or 404 and
 * changes nothing.
 */
class RoleMatrixIT {
  /** Open to anyone, without a token. */
  private static final Set<Role> ANYONE = EnumSet.allOf(Role.class);

  /** The roles allowed on each route; {@link #ANYONE} also needs no token. */
  private static final Map<String, Set<Role>> ALLOWED = Map.ofEntries(
      Map.entry("GET /api/v1/openapi.yml", ANYONE),
      Map.entry("GET /api/v1/regime", EnumSet.of(Role.OPERATOR, Role.REGULATOR, Role.CARRIER)),
      Map.entry("GET /prometheus", EnumSet.of(Role.METRICS, Role.OPERATOR)),
      Map.entry("GET /api/v1/dashboard/summary", EnumSet.of(Role.OPERATOR, Role.REGULATOR)),
      Map.entry("GET /api/v1/carriers", EnumSet.of(Role.OPERATOR, Role.REGULATOR)),
      Map.entry("GET /api/v1/findings", EnumSet.of(Role.OPERATOR, Role.REGULATOR)),
      Map.entry("GET /api/v1/complaints", EnumSet.of(Role.REGULATOR)),
      Map.entry("POST /api/v1/complaints", EnumSet.of(Role.REGULATOR)),
      Map.entry("GET /api/v1/complaints/{id}", EnumSet.of(Role.REGULATOR)),
      Map.entry("POST /api/v1/complaints/{id}/decision", EnumSet.of(Role.REGULATOR)),
      Map.entry("GET /api/v1/ports", EnumSet.of(Role.REGULATOR, Role.CARRIER)),
      Map.entry("GET /api/v1/ports/{id}", EnumSet.of(Role.REGULATOR, Role.CARRIER)),
      Map.entry("GET /api/v1/numbers/{number}/history", EnumSet.of(Role.REGULATOR)),
      Map.entry("GET /api/v1/numbers/{number}/route", EnumSet.of(Role.REGULATOR, Role.CARRIER)),
      Map.entry("GET /api/v1/reports/{carrier}", EnumSet.of(Role.REGULATOR)),
      Map.entry("GET /api/v1/audit/export", EnumSet.of(Role.REGULATOR)),
      Map.entry("GET /api/v1/audit/checkpoints", EnumSet.of(Role.REGULATOR)),
      Map.entry("GET /api/v1/audit/key", EnumSet.of(Role.REGULATOR)),
      Map.entry("POST /api/v1/audit/key/rotation", EnumSet.of(Role.OPERATOR)),
      Map.entry("GET /api/v1/signals", EnumSet.of(Role.OPERATOR, Role.REGULATOR)),
      Map.entry("POST /api/v1/ports/{id}/reversal", EnumSet.of(Role.REGULATOR)),
      Map.entry("GET /api/v1/spot-checks", EnumSet.of(Role.REGULATOR)),
      Map.entry("POST /api/v1/findings/{id}/confirmation", EnumSet.of(Role.REGULATOR)),
      Map.entry("GET /api/v1/bad-conduct", EnumSet.of(Role.OPERATOR, Role.REGULATOR)),
      Map.entry("GET /api/v1/bad-conduct.html", EnumSet.of(Role.OPERATOR, Role.REGULATOR)),
      Map.entry("POST /api/v1/spot-checks", EnumSet.of(Role.REGULATOR)),
      Map.entry("GET /api/v1/spot-checks/{id}", EnumSet.of(Role.REGULATOR)),
      Map.entry("POST /api/v1/carriers/{carrier}/suspend", EnumSet.of(Role.OPERATOR)),
      Map.entry("POST /api/v1/carriers/{carrier}/resume", EnumSet.of(Role.OPERATOR)),
      Map.entry("GET /api/v1/carriers/{carrier}/certificates", EnumSet.of(Role.OPERATOR)),
      Map.entry("POST /api/v1/carriers/{carrier}/certificates", EnumSet.of(Role.OPERATOR)),
      Map.entry("POST /api/v1/carriers/{carrier}/certificates/issue", EnumSet.of(Role.OPERATOR)),
      Map.entry("POST /api/v1/carriers/{carrier}/certificates/{fingerprint}/revoke", EnumSet.of(Role.OPERATOR)),
      Map.entry("GET /api/v1/tokens", EnumSet.of(Role.OPERATOR)),
      Map.entry("POST /api/v1/tokens", EnumSet.of(Role.OPERATOR)),
      Map.entry("GET /api/v1/tokens/{id}", EnumSet.of(Role.OPERATOR)),
      Map.entry("DELETE /api/v1/tokens/{id}", EnumSet.of(Role.OPERATOR)));

  /** A value for each path variable, naming nothing that exists. */
  private static final Map<String, String> SAMPLES = Map.of(
      "id", "000000000000",
      "number", "000",
      "carrier", "ZZ9",
      "fingerprint", "0".repeat(64));

  private static final Pattern VARIABLE = Pattern.compile("\\{([^}:?]+)[^}]*}");
  private static RunningService service;
  private static Map<Role, String> tokens;

  @BeforeAll
  static void tokens() {
    service = RunningService.get();
    String carrier = service.send("POST", "/api/v1/tokens", service.developmentToken(Role.OPERATOR),
        "{\"role\":\"CARRIER\",\"carrier\":\"CU\"}").body();
    String metrics = service.send("POST", "/api/v1/tokens", service.developmentToken(Role.OPERATOR),
        "{\"role\":\"METRICS\"}").body();
    tokens = Map.of(Role.OPERATOR, service.developmentToken(Role.OPERATOR),
        Role.REGULATOR, service.developmentToken(Role.REGULATOR), Role.CARRIER, secret(carrier),
        Role.METRICS, secret(metrics));
  }

  @Test
  void everyRouteRefusesExactlyTheRolesItDoesNotAllow() {
    List<String> wrong = new ArrayList<>();
    List<ApiRoutes.Route> routes = ApiRoutes.guarded(service).routes();
    assertThat(routes).as("the router's API routes").isNotEmpty();
    for (ApiRoutes.Route route : routes) {
      Set<Role> allowed = ALLOWED.get(route.toString());
      if (allowed == null) {
        fail("%s is not in the role matrix: add it to RoleMatrixIT.ALLOWED with the roles that may call it", route);
      }
      String path = fill(route.template());
      String body = route.method().equals("POST") || route.method().equals("PUT") ? "{}" : null;
      int anonymous = service.send(route.method(), path, null, body).statusCode();
      if (allowed == ANYONE ? anonymous == 401 || anonymous == 403 : anonymous != 401) {
        wrong.add(route + " without a token: " + anonymous);
      }
      for (Role role : Role.values()) {
        HttpResponse<String> answer = service.send(route.method(), path, tokens.get(role), body);
        int status = answer.statusCode();
        boolean refused = status == 401 || status == 403;
        if (allowed.contains(role) ? refused : status != 403) {
          wrong.add(route + " as " + role + ": " + status + " " + answer.body());
        }
      }
    }
    assertThat(wrong).as("routes whose refusals differ from the matrix").isEmpty();
  }

  @Test
  void theMatrixListsNoRouteThatDoesNotExist() {
    Set<String> routes = new java.util.HashSet<>();
    ApiRoutes.guarded(service).routes().forEach(r -> routes.add(r.toString()));
    assertThat(routes).containsAll(ALLOWED.keySet());
  }

  @Test
  void healthStaysOpenWithoutAToken() {
    HttpResponse<String> health = service.get("/health", null);
    assertThat(health.statusCode()).as(health.body()).isEqualTo(200);
    assertThat(health.body()).contains("\"status\":\"UP\"");
  }

  private static String secret(String created) {
    Matcher m = Pattern.compile("\"secret\":\"([^\"]+)\"").matcher(created);
    assertThat(m.find()).as(created).isTrue();
    return m.group(1);
  }

  private static String fill(String template) {
    Matcher m = VARIABLE.matcher(template);
    StringBuilder path = new StringBuilder();
    while (m.find()) {
      String sample = SAMPLES.get(m.group(1));
      if (sample == null) {
        fail("no sample value for the path variable {%s} of %s: add one to RoleMatrixIT.SAMPLES", m.group(1),
            template);
      }
      m.appendReplacement(path, sample);
    }
    return m.appendTail(path).toString();
  }
}
