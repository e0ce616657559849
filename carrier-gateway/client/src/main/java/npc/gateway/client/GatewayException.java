package npc.gateway.client;

import npc.gateway.protocol.v1.ErrorCode;
import npc.gateway.protocol.v1.ErrorNotice;

/**
 * The gateway answered a request with an {@code ErrorNotice}. A 4xx status means the request is wrong and nothing
 * happened: resending it unchanged gets the same answer. A 5xx status means the gateway could not serve it now:
 * resend later with the same idempotency key. {@code NOT_WRITTEN} says the database refused before writing anything
 * of the request (too few replicas reachable): nothing happened. {@code STORAGE_UNAVAILABLE} leaves the outcome
 * unknown ({@link #outcomeUnknown()}): the resend with the same key gets the first outcome, if there was one.
 */
public final class GatewayException extends CarrierClientException {
  private static final long serialVersionUID = 1L;

  private final ErrorCode code;
  private final int status;
  private final String detail;

  GatewayException(ErrorNotice notice) {
    super(notice.getCode() + " (" + notice.getStatus() + "): " + notice.getDetail());
    this.code = notice.getCode();
    this.status = notice.getStatus();
    this.detail = notice.getDetail();
  }

  public ErrorCode code() {
    return code;
  }

  /** The protocol's band: 400-499 the request is wrong, 500-599 the gateway could not serve it now. */
  public int status() {
    return status;
  }

  /** The gateway's sentence for the carrier's engineer; never personal data. */
  public String detail() {
    return detail;
  }

  /** Whether the same request may succeed later: the 5xx band. */
  public boolean retryable() {
    return status >= 500;
  }

  @Override
  public boolean outcomeUnknown() {
    return code == ErrorCode.STORAGE_UNAVAILABLE;
  }
}
