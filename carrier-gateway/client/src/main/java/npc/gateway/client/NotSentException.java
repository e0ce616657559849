package npc.gateway.client;

/** The client refused a request before sending it: the gateway never saw it, so resending is always safe. */
public final class NotSentException extends CarrierClientException {
  private static final long serialVersionUID = 1L;

  /** Why the request stayed here. */
  public enum Reason {
    /** No session is open (the client is connecting or reconnecting): resend when {@code whenConnected()} completes. */
    NOT_CONNECTED,
    /** {@code Welcome.max_in_flight} requests already wait for answers: resend when one completes. */
    TOO_MANY_IN_FLIGHT,
    /** The request's frame is longer than {@code Welcome.max_frame_bytes}: split it. */
    FRAME_TOO_LARGE,
    /** The client is closed. */
    CLOSED
  }

  private final Reason reason;

  NotSentException(Reason reason, String message) {
    super(message);
    this.reason = reason;
  }

  public Reason reason() {
    return reason;
  }

  @Override
  public boolean outcomeUnknown() {
    return false;
  }
}
