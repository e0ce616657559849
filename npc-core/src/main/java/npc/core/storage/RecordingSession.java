package npc.core.storage;

import com.datastax.oss.driver.api.core.CqlIdentifier;
import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.context.DriverContext;
import com.datastax.oss.driver.api.core.cql.BatchStatement;
import com.datastax.oss.driver.api.core.cql.BatchableStatement;
import com.datastax.oss.driver.api.core.cql.BoundStatement;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import com.datastax.oss.driver.api.core.cql.Statement;
import com.datastax.oss.driver.api.core.metadata.Metadata;
import com.datastax.oss.driver.api.core.metrics.Metrics;
import com.datastax.oss.driver.api.core.session.Request;
import com.datastax.oss.driver.api.core.type.reflect.GenericType;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * The driver's session, reporting each statement run inside a {@link RequestWrites} to it: whether it writes, and
 * how it ended. Every statement is marked with whether the driver may send it again to another node
 * ({@link Idempotence}).
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
    boolean write = kind.write();
    boolean conditional = kind.conditional();
    Request request = idempotence.mark(statement, write, conditional);
    RequestWrites writes = RequestWrites.current();
    if (writes == null) {
      return driver.execute(request, resultType);
    }
    writes.started();
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
