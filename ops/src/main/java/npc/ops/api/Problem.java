package npc.ops.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/**
 * An error of the API as RFC 9457 says ({@code application/problem+json}): a stable {@code type} a client can
 * switch on, the status's {@code title}, the {@code status}, a {@code detail} a person can act on, and for invalid
 * input the {@code field} at fault (e.g. {@code role}, {@code carrier}).
 */
@Serdeable
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(String type, String title, int status, String detail, @Nullable String field) {
  /** The media type of every error body. */
  public static final String MEDIA_TYPE = "application/problem+json";
  /** The prefix of every {@link #type}; the rest names the kind: {@code not-found}, {@code invalid-input}... */
  public static final String TYPE_PREFIX = "urn:npc:problem:";
}
