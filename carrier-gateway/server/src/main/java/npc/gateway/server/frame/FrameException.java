package npc.gateway.server.frame;

import npc.gateway.protocol.v1.ErrorCode;

/** A frame the server cannot accept; the connection is answered with {@link #code()} and closed. */
public final class FrameException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final ErrorCode code;
  private final int status;

  FrameException(ErrorCode code, int status, String message, Throwable cause) {
    super(message, cause);
    this.code = code;
    this.status = status;
  }

  public ErrorCode code() {
    return code;
  }

  /** The protocol's status band: 400-499, the peer's fault. */
  public int status() {
    return status;
  }
}
