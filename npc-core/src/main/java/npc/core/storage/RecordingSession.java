package npc.core.storage;

import com.datastax.oss.driver.api.core.CqlIdentifier;
import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.context.DriverContext;
import com.datastax.oss.driver.api.core.cql.AsyncResultSet;
import com.datastax.oss.driver.api.core.cql.BatchStatement;
import com.datastax.oss.driver.api.core.cql.BatchableStatement;
import com.datastax.oss.driver.api.core.cql.BoundStatement;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import com.datastax.oss.driver.api.core.cql.Statement;
import com.datastax.oss.driver.api.core.metadata.Metadata;
import com.datastax.oss.driver.api.core.metrics.Metrics;
import com.datastax.oss.driver.api.core.session.Request;
import com.datastax.oss.driver.api.core.type.reflect.GenericType;
import com.datastax.oss.driver.internal.core.cql.ResultSets;
import com.datastax.oss.driver.internal.core.util.concurrent.CompletableFutures;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * The driver's session, reporting each statement run inside a {@link RequestWrites} to it: whether it writes, and
 * how it ended. Every statement is marked with whether the driver may send it again to another node
 * ({@link Idempotence}). A statement sent inside {@link SendAfter#sendingAfter} leaves once its stage completed.
 */
final class RecordingSession implements CqlSession {
  private static final Pattern CONDITION = Pattern.compile("\\sIF\\s", Pattern.CASE_INSENSITIVE);

  private final CqlSession driver;
  private final Idempotence idempotence;
  /** Per CQL text. */
  private final Map<String, Kind> kinds = new ConcurrentHashMap<>();

  RecordingSession(CqlSession driver) {
    this.driver = driver;
    this.idempotence = new Idempotence(driver);
  }

  @Override
  @SuppressWarnings("unchecked")
  public <RequestT extends Request, ResultT> ResultT execute(RequestT given, GenericType<ResultT> resultType) {
    if (!(given instanceof Statement<?> statement)) {
      return driver.execute(given, resultType);
    }
    Kind kind = kind(statement);
    Request request = idempotence.mark(statement, kind.write(), kind.conditional());
    RequestWrites writes = RequestWrites.current();
    if (writes != null) {
      writes.started();
    }
    CompletableFuture<?> after = SendAfter.pending();
    if (after == null) {
      return send(request, resultType, kind, writes);
    }
    if (resultType.equals(Statement.SYNC)) {
      // What the driver's own synchronous execution does with the first page (its internal helpers, of the driver
      // version the BOM pins): later pages are fetched as the caller iterates, on the caller's thread.
      return (ResultT) ResultSets.newInstance(
          CompletableFutures.getUninterruptibly(sendAfter(after, request, kind, writes)));
    }
    if (resultType.equals(Statement.ASYNC)) {
      return (ResultT) sendAfter(after, request, kind, writes);
    }
    // Other result types (reactive, continuous paging) are not sent from the driver's threads: wait here.
    try {
      CompletableFutures.getUninterruptibly(after);
    } catch (RuntimeException e) {
      notSent(writes, e);
      throw e;
    }
    return send(request, resultType, kind, writes);
  }

  /**
   * Sends {@code request} once {@code after} completed, from the thread that completes it ({@link SendAfter}); if
   * {@code after} fails, sends nothing and fails with its cause.
   */
  private CompletionStage<AsyncResultSet> sendAfter(CompletableFuture<?> after, Request request, Kind kind,
      RequestWrites writes) {
    return after.handle((ok, failure) -> {
      if (failure != null) {
        Throwable cause = failure instanceof CompletionException c && c.getCause() != null ? c.getCause() : failure;
        notSent(writes, cause);
        return CompletableFuture.<AsyncResultSet>failedFuture(cause);
      }
      try {
        return send(request, Statement.ASYNC, kind, writes);
      } catch (RuntimeException e) {
        return CompletableFuture.<AsyncResultSet>failedFuture(e);
      }
    }).thenCompose(sent -> sent);
  }

  /** A statement never sent: a failure that wrote nothing. */
  private static void notSent(RequestWrites writes, Throwable cause) {
    if (writes != null) {
      writes.failed(false, false, cause);
    }
  }

  /** Sends {@code request} now, reporting to {@code writes} (if any, already told it started) how it ended. */
  @SuppressWarnings("unchecked")
  private <ResultT> ResultT send(Request request, GenericType<ResultT> resultType, Kind kind, RequestWrites writes) {
    if (writes == null) {
      return driver.execute(request, resultType);
    }
    boolean write = kind.write();
    boolean conditional = kind.conditional();
    if (resultType.equals(Statement.ASYNC)) {
      CompletionStage<?> stage;
      try {
        stage = (CompletionStage<?>) driver.execute(request, resultType);
      } catch (RuntimeException e) {
        writes.failed(write, conditional, e);
        throw e;
      }
      return (ResultT) stage.whenComplete((result, failure) -> {
        if (failure == null) {
          writes.succeeded(write);
        } else {
          writes.failed(write, conditional, failure instanceof CompletionException c && c.getCause() != null
              ? c.getCause() : failure);
        }
      });
    }
    try {
      ResultT result = driver.execute(request, resultType);
      // Other result types (reactive, continuous paging) may still be running: count their writes as in doubt.
      writes.succeeded(write || !resultType.equals(Statement.SYNC));
      return result;
    } catch (RuntimeException e) {
      writes.failed(write, conditional, e);
      throw e;
    }
  }

  /**
   * What a statement's CQL says of it: anything but a SELECT may change the database, and a write with an IF clause
   * is conditional (a statement whose CQL is not known counts as both). Read once per CQL text, as the driver
   * prepares a statement once: every statement of every request goes through here.
   */
  record Kind(boolean write, boolean conditional) {
    private static final Kind UNKNOWN = new Kind(true, true);

    static Kind of(String cql) {
      boolean write = !cql.stripLeading().regionMatches(true, 0, "SELECT", 0, 6);
      return new Kind(write, write && CONDITION.matcher(cql).find());
    }
  }

  private Kind kind(Statement<?> statement) {
    if (statement instanceof BatchStatement batch) {
      boolean conditional = false;
      for (BatchableStatement<?> child : batch) {
        conditional |= kind(child).conditional();
      }
      return new Kind(true, conditional);
    }
    String cql = cql(statement);
    return cql == null ? Kind.UNKNOWN : kinds.computeIfAbsent(cql, Kind::of);
  }

  static String cql(Statement<?> statement) {
    if (statement instanceof BoundStatement bound) {
      return bound.getPreparedStatement().getQuery();
    }
    return statement instanceof SimpleStatement simple ? simple.getQuery() : null;
  }

  @Override
  public String getName() {
    return driver.getName();
  }

  @Override
  public Metadata getMetadata() {
    return driver.getMetadata();
  }

  @Override
  public boolean isSchemaMetadataEnabled() {
    return driver.isSchemaMetadataEnabled();
  }

  @Override
  public CompletionStage<Metadata> setSchemaMetadataEnabled(Boolean newValue) {
    return driver.setSchemaMetadataEnabled(newValue);
  }

  @Override
  public CompletionStage<Metadata> refreshSchemaAsync() {
    return driver.refreshSchemaAsync();
  }

  @Override
  public CompletionStage<Boolean> checkSchemaAgreementAsync() {
    return driver.checkSchemaAgreementAsync();
  }

  @Override
  public DriverContext getContext() {
    return driver.getContext();
  }

  @Override
  public Optional<CqlIdentifier> getKeyspace() {
    return driver.getKeyspace();
  }

  @Override
  public Optional<Metrics> getMetrics() {
    return driver.getMetrics();
  }

  @Override
  public CompletionStage<Void> closeFuture() {
    return driver.closeFuture();
  }

  @Override
  public CompletionStage<Void> closeAsync() {
    return driver.closeAsync();
  }

  @Override
  public CompletionStage<Void> forceCloseAsync() {
    return driver.forceCloseAsync();
  }
}
