package npc.gateway.client;

/**
 * The connection dropped while the request waited for its answer: the gateway may or may not have acted on it.
 * Resend it, with the same idempotency key where it has one, once the client has reconnected.
 */
public final class ConnectionLostException extends CarrierClientException {
  private static final long serialVersionUID = 1L;

  ConnectionLostException(String message) {
    super("connection lost, outcome unknown: " + message);
  }

  @Override
  public boolean outcomeUnknown() {
    return true;
  }
}
