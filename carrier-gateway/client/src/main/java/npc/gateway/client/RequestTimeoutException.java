package npc.gateway.client;

import java.time.Duration;

/**
 * No answer within the client's request timeout: the gateway may still act on the request. Resend it with the
 * same idempotency key where it has one.
 */
public final class RequestTimeoutException extends CarrierClientException {
  private static final long serialVersionUID = 1L;

  RequestTimeoutException(String correlationId, Duration timeout) {
    super("no answer to request " + correlationId + " within " + timeout.toMillis() + " ms, outcome unknown");
  }

  @Override
  public boolean outcomeUnknown() {
    return true;
  }
}
