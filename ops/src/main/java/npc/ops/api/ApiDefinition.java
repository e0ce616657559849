package npc.ops.api;

import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.enums.SecuritySchemeType;
import io.swagger.v3.oas.annotations.info.Info;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.security.SecurityScheme;

/**
 * The OpenAPI document's head. micronaut-openapi writes the document at build time, from the controllers, into
 * {@code META-INF/swagger/npc-v1.yml}; {@link OpenApiController} serves it, so it always matches the code.
 */
@OpenAPIDefinition(
    info = @Info(title = "npc", version = "v1",
        description = "The number portability clearinghouse's API for operators, regulators and carriers. Every "
            + "request carries a bearer token (npc tokens create); errors are application/problem+json."),
    security = @SecurityRequirement(name = "bearer"))
@SecurityScheme(name = "bearer", type = SecuritySchemeType.HTTP, scheme = "bearer")
final class ApiDefinition {
  /** Where the build writes the document on the classpath. */
  static final String DOCUMENT = "META-INF/swagger/npc-v1.yml";

  private ApiDefinition() {}
}
