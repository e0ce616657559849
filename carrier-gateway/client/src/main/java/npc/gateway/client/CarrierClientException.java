package npc.gateway.client;

/**
 * Why a call's future failed. The subtype says what the caller may do: {@link GatewayException} (the gateway
 * answered no: resend only a 5xx, with the same idempotency key), {@link NotSentException} (nothing left this
 * process: resending is safe), {@link ConnectionLostException} and {@link RequestTimeoutException} (the request
 * left but its outcome is unknown: resend with the same idempotency key).
 */
public abstract sealed class CarrierClientException extends RuntimeException
    permits GatewayException, NotSentException, ConnectionLostException, RequestTimeoutException {
  private static final long serialVersionUID = 1L;

  CarrierClientException(String message) {
    super(message);
  }

  /** Whether the gateway may have acted on the request: resend only with the same idempotency key. */
  public abstract boolean outcomeUnknown();
}
