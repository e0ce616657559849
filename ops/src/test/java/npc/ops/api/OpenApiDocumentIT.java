package npc.ops.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * The OpenAPI document the service serves lists every route of its router, with its method: the document is
 * generated from the same controllers at build time, and this test catches a route it would miss (one added
 * outside a controller, or hidden from the generator).
 */
class OpenApiDocumentIT {
  private final RunningService service = RunningService.get();

  @Test
  void theServedDocumentListsEveryRouteOfTheRouter() {
    HttpResponse<String> served = service.get("/api/v1/openapi.yml", null);
    assertThat(served.statusCode()).isEqualTo(200);
    Map<String, Object> document = new Yaml().load(served.body());
    @SuppressWarnings("unchecked")
    Map<String, Map<String, Object>> paths = (Map<String, Map<String, Object>>) document.get("paths");
    List<String> missing = new ArrayList<>();
    for (ApiRoutes.Route route : ApiRoutes.of(service).routes()) {
      Map<String, Object> operations = paths.get(route.template());
      if (operations == null || !operations.containsKey(route.method().toLowerCase(Locale.ROOT))) {
        missing.add(route.toString());
      }
    }
    assertThat(missing).as("routes the OpenAPI document does not list").isEmpty();
    assertThat(ApiRoutes.of(service).routes()).as("the router's API routes").isNotEmpty();
  }
}
