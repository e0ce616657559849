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
    List<Route> all = service.context.getBean(Router.class).uriRoutes()
        .map(r -> new Route(r.getHttpMethodName(), r.getUriMatchTemplate().toString()))
        .filter(r -> r.template().startsWith("/api/v1/"))
        .distinct().sorted(Comparator.comparing(Route::toString)).toList();
    return new ApiRoutes(all.stream()
        .filter(r -> !(r.method().equals("HEAD") && all.contains(new Route("GET", r.template())))).toList());
  }
}
