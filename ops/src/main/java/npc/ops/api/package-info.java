/**
 * The HTTP API under {@code /api/v1} ({@code ops/docs/api.md}). Its conventions, kept here once for every
 * controller: errors are {@link npc.ops.api.Problem}s ({@code application/problem+json}) whichever part refuses
 * (a controller's {@link npc.ops.api.ApiException}, Bean Validation, security, the router, the body-size limit);
 * input is validated with Bean Validation; bodies over {@code micronaut.server.max-request-size} are refused
 * before they are read; the OpenAPI document is generated at build time and served at
 * {@code /api/v1/openapi.yml}.
 */
package npc.ops.api;
