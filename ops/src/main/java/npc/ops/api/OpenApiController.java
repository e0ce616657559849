package npc.ops.api;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.swagger.v3.oas.annotations.Operation;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** Serves the OpenAPI document generated at build time. Open to anyone: it describes the API, it holds no data. */
@Controller("/api/v1")
@Secured(SecurityRule.IS_ANONYMOUS)
final class OpenApiController {
  private final byte[] document;

  OpenApiController() {
    try (InputStream in = OpenApiController.class.getClassLoader().getResourceAsStream(ApiDefinition.DOCUMENT)) {
      if (in == null) {
        throw new IllegalStateException("the build did not generate " + ApiDefinition.DOCUMENT);
      }
      document = in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Operation(summary = "The OpenAPI document of this API (YAML)")
  @Get(value = "/openapi.yml", produces = "application/yaml")
  HttpResponse<byte[]> document() {
    return HttpResponse.ok(document).contentType("application/yaml");
  }
}
