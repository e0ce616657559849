package npc.gateway.server.dispatch;

import npc.core.porting.Done;
import npc.core.porting.RefusalCode;
import npc.core.porting.Refused;
import npc.core.porting.Result;
import npc.core.storage.RequestWrites;
import npc.gateway.protocol.v1.ErrorCode;

/** The core's refusals and the storage's failures, as the error notices a carrier receives. */
public final class Refusals {
  private Refusals() {}

  /** The value of a done result; a refused one is thrown as its error notice. */
  public static <T> T value(Result<T> result) {
    if (result instanceof Done<T> done) {
      return done.value();
    }
    Refused<T> refused = (Refused<T>) result;
    throw error(refused.code(), refused.detail());
  }

  public static RequestError error(RefusalCode code, String detail) {
    return switch (code) {
      case INVALID_NUMBER -> new RequestError(400, ErrorCode.INVALID_NUMBER, detail);
      case INVALID_REQUEST -> new RequestError(400, ErrorCode.INVALID_REQUEST, detail);
      case UNKNOWN_CARRIER -> new RequestError(403, ErrorCode.UNKNOWN_CARRIER, detail);
      case NOT_A_PARTICIPANT -> new RequestError(403, ErrorCode.NOT_A_PARTICIPANT, detail);
      case NOT_THE_DONOR -> new RequestError(403, ErrorCode.NOT_THE_DONOR, detail);
      case NOT_THE_RECIPIENT -> new RequestError(403, ErrorCode.NOT_THE_RECIPIENT, detail);
      case NOT_THE_SERVING_CARRIER -> new RequestError(403, ErrorCode.NOT_THE_SERVING_CARRIER, detail);
      case UNKNOWN_PORT -> new RequestError(404, ErrorCode.UNKNOWN_PORT, detail);
      case UNKNOWN_QUERY -> new RequestError(404, ErrorCode.UNKNOWN_QUERY, detail);
      case RECIPIENT_ALREADY_SERVES -> new RequestError(409, ErrorCode.RECIPIENT_ALREADY_SERVES, detail);
      case IDEMPOTENCY_KEY_REUSED -> new RequestError(409, ErrorCode.IDEMPOTENCY_KEY_REUSED, detail);
      case DEADLINE_PASSED -> new RequestError(409, ErrorCode.DEADLINE_PASSED, detail);
      case PORT_ENDED -> new RequestError(409, ErrorCode.PORT_ENDED, detail);
      case NOT_ALLOWED_IN_STATE -> new RequestError(409, ErrorCode.NOT_ALLOWED_IN_STATE, detail);
      case NUMBER_HAS_OPEN_PORT -> new RequestError(409, ErrorCode.NUMBER_HAS_OPEN_PORT, detail);
      case NOT_ELIGIBLE -> new RequestError(409, ErrorCode.NOT_ELIGIBLE, detail);
      case REASON_NOT_ON_LIST -> new RequestError(422, ErrorCode.REASON_NOT_ON_LIST, detail);
      case EVIDENCE_INVALID -> new RequestError(422, ErrorCode.EVIDENCE_INVALID, detail);
      case REASON_CONTRADICTED_BY_CLEARINGHOUSE ->
          new RequestError(422, ErrorCode.REASON_CONTRADICTED_BY_CLEARINGHOUSE, detail);
      case REJECTION_NOT_ALLOWED_FOR_INDIVIDUAL ->
          new RequestError(422, ErrorCode.REJECTION_NOT_ALLOWED_FOR_INDIVIDUAL, detail);
    };
  }

  /** A failure while serving a request whose writes were not recorded: a database failure's outcome is unknown. */
  public static RequestError failure(Throwable failure) {
    return failure(failure, null);
  }

  /**
   * A failure while serving a request. When the database failed and {@code writes} shows that no write of the
   * request may have been applied (Cassandra refused before writing: too few replicas reachable), the carrier is
   * told so: nothing happened, resend. When a write may have been applied, or the database did not answer in time,
   * the outcome is unknown: the carrier resends with the same idempotency key. Anything else is the server's fault.
   */
  public static RequestError failure(Throwable failure, RequestWrites writes) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof RequestError error) {
        return error;
      }
    }
    if (RequestWrites.databaseFailed(failure)) {
      if (writes != null && writes.nothingWritten()) {
        return new RequestError(503, ErrorCode.NOT_WRITTEN, "the database could not reach enough replicas and "
            + "wrote nothing of this request: nothing happened; resend it later");
      }
      return new RequestError(503, ErrorCode.STORAGE_UNAVAILABLE, "the database failed while serving this request, "
          + "and a write of it may have been applied; the outcome is unknown: resend the request (with the same "
          + "idempotency key)");
    }
    return new RequestError(500, ErrorCode.INTERNAL, "the server failed to serve the request");
  }
}
