package npc.ops.api;

import io.micronaut.web.router.Router;
import java.util.Comparator;
import java.util.List;

/**
 * Every route of the API as the running service's router holds it: what no test may leave out. The HEAD twin
 * Micronaut adds to each GET route is left out: it answers as its GET does, without the body.
 */
record ApiRoutes(List<Route> routes) {
  /** One route: {@code GET /api/v1/tokens/{id}}. */
  record Route(String method, String template) {
    @Override
    public String toString() {
      return method + " " + template;
    }
  }

  static ApiRoutes of(RunningService service) {
    return of(service, "/api/v1/");
  }

  /** The API's routes and the management routes behind a token ({@code /prometheus}): what the role matrix covers. */
  static ApiRoutes guarded(RunningService service) {
    return of(service, "/api/v1/", "/prometheus");
  }

  private static ApiRoutes of(RunningService service, String... prefixes) {
    List<Route> all = service.context.getBean(Router.class).uriRoutes()
        .map(r -> new Route(r.getHttpMethodName(), r.getUriMatchTemplate().toString()))
        .filter(r -> java.util.Arrays.stream(prefixes).anyMatch(r.template()::startsWith))
        .distinct().sorted(Comparator.comparing(Route::toString)).toList();
    return new ApiRoutes(all.stream()
        .filter(r -> !(r.method().equals("HEAD") && all.contains(new Route("GET", r.template())))).toList());
  }
}
