package npc.gateway.server.dispatch;

import npc.gateway.protocol.v1.ErrorCode;
import npc.gateway.protocol.v1.ErrorNotice;

/** A request answered with an error notice: its status band, its code and a sentence for the carrier's engineer. */
public final class RequestError extends RuntimeException {
  private final int status;
  private final ErrorCode code;

  public RequestError(int status, ErrorCode code, String detail) {
    super(detail, null, false, false);
    this.status = status;
    this.code = code;
  }

  public static RequestError invalid(String detail) {
    return new RequestError(400, ErrorCode.INVALID_REQUEST, detail);
  }

  public int status() {
    return status;
  }

  public ErrorCode code() {
    return code;
  }

  public ErrorNotice notice() {
    return ErrorNotice.newBuilder().setStatus(status).setCode(code).setDetail(getMessage()).build();
  }
}
