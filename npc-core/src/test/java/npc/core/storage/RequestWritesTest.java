package npc.core.storage;

import static org.assertj.core.api.Assertions.assertThat;

import com.datastax.oss.driver.api.core.DefaultConsistencyLevel;
import com.datastax.oss.driver.api.core.DriverTimeoutException;
import com.datastax.oss.driver.api.core.RequestThrottlingException;
import com.datastax.oss.driver.api.core.connection.BusyConnectionException;
import com.datastax.oss.driver.api.core.connection.ClosedConnectionException;
import com.datastax.oss.driver.api.core.connection.HeartbeatException;
import com.datastax.oss.driver.api.core.NoNodeAvailableException;
import com.datastax.oss.driver.api.core.servererrors.UnavailableException;
import com.datastax.oss.driver.api.core.servererrors.WriteTimeoutException;
import com.datastax.oss.driver.api.core.servererrors.WriteType;
import org.junit.jupiter.api.Test;

/** What a request's failure proves about its writes. */
class RequestWritesTest {
  private static final UnavailableException QUORUM_REFUSED =
      new UnavailableException(null, DefaultConsistencyLevel.LOCAL_QUORUM, 2, 1);
  private static final UnavailableException PAXOS_REFUSED =
      new UnavailableException(null, DefaultConsistencyLevel.LOCAL_SERIAL, 2, 1);

  @Test
  void unavailableProvesAPlainWriteWasNotWritten() {
    assertThat(RequestWrites.refusedBeforeWriting(false, QUORUM_REFUSED)).isTrue();
  }

  @Test
  void aConditionalWriteIsProvenUnwrittenOnlyWhenPaxosWasRefusedNotItsCommit() {
    assertThat(RequestWrites.refusedBeforeWriting(true, PAXOS_REFUSED)).isTrue();
    // Refused at the commit level: Paxos may have accepted the proposal, which the next round completes.
    assertThat(RequestWrites.refusedBeforeWriting(true, QUORUM_REFUSED)).isFalse();
  }

  @Test
  void timeoutsProveNothing() {
    assertThat(RequestWrites.refusedBeforeWriting(false, new DriverTimeoutException("no answer"))).isFalse();
    assertThat(RequestWrites.refusedBeforeWriting(false, new WriteTimeoutException(null,
        DefaultConsistencyLevel.LOCAL_QUORUM, 1, 2, WriteType.SIMPLE))).isFalse();
    assertThat(RequestWrites.refusedBeforeWriting(true, new WriteTimeoutException(null,
        DefaultConsistencyLevel.LOCAL_SERIAL, 0, 2, WriteType.CAS))).isFalse();
  }

  @Test
  void noNodeToSendToProvesNothingWasWritten() {
    // (Every node tried refusing, in an AllNodesFailedException, is QuorumLossIT's case: a real driver's errors.)
    assertThat(RequestWrites.refusedBeforeWriting(true, new NoNodeAvailableException())).isTrue();
  }

  @Test
  void aStatementTheDriverNeverSentProvesNothingWasWrittenAndALostConnectionProvesNothing() {
    assertThat(RequestWrites.refusedBeforeWriting(true, new BusyConnectionException(1024))).isTrue();
    assertThat(RequestWrites.refusedBeforeWriting(true, new RequestThrottlingException("queue full"))).isTrue();
    assertThat(RequestWrites.refusedBeforeWriting(false, new ClosedConnectionException("lost"))).isFalse();
  }

  @Test
  void theDatabaseFailingIsToldApartFromAWrongStatement() {
    assertThat(RequestWrites.databaseFailed(new RuntimeException(new ClosedConnectionException("lost")))).isTrue();
    assertThat(RequestWrites.databaseFailed(new HeartbeatException(null, "no answer", null))).isTrue();
    assertThat(RequestWrites.databaseFailed(new DriverTimeoutException("no answer"))).isTrue();
    assertThat(RequestWrites.databaseFailed(new IllegalStateException("a bug"))).isFalse();
  }

  @Test
  void nothingIsWrittenWhenTheFirstWriteIsRefused() {
    try (RequestWrites writes = RequestWrites.open()) {
      writes.started();
      writes.succeeded(false); // a read
      writes.started();
      writes.failed(true, true, PAXOS_REFUSED);
      assertThat(writes.nothingWritten()).isTrue();
    }
  }

  @Test
  void aRefusalAfterAnAppliedWriteIsNotNothingWritten() {
    try (RequestWrites writes = RequestWrites.open()) {
      writes.started();
      writes.succeeded(true); // the claim of the idempotency key, a write-ahead row...
      writes.started();
      writes.failed(true, false, QUORUM_REFUSED);
      assertThat(writes.nothingWritten()).isFalse();
    }
  }

  @Test
  void aWriteInDoubtOrStillRunningIsNotNothingWritten() {
    try (RequestWrites writes = RequestWrites.open()) {
      writes.started();
      writes.failed(true, false, new DriverTimeoutException("no answer"));
      assertThat(writes.nothingWritten()).isFalse();
    }
    try (RequestWrites writes = RequestWrites.open()) {
      writes.started(); // another write of the request, not finished
      writes.started();
      writes.failed(true, false, QUORUM_REFUSED);
      assertThat(writes.nothingWritten()).isFalse();
    }
  }

  @Test
  void aRequestThatFailedNowhereIsNotToldNothingWritten() {
    try (RequestWrites writes = RequestWrites.open()) {
      assertThat(writes.nothingWritten()).isFalse();
      assertThat(RequestWrites.current()).isSameAs(writes);
    }
    assertThat(RequestWrites.current()).isNull();
  }
}
