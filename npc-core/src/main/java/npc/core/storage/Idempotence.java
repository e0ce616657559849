package npc.core.storage;

import com.datastax.oss.driver.api.core.CqlIdentifier;
import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.BatchStatement;
import com.datastax.oss.driver.api.core.cql.BatchableStatement;
import com.datastax.oss.driver.api.core.cql.Statement;
import com.datastax.oss.driver.api.core.metadata.schema.ColumnMetadata;
import com.datastax.oss.driver.api.core.metadata.schema.TableMetadata;
import com.datastax.oss.driver.api.core.type.DataTypes;
import com.datastax.oss.driver.api.core.type.ListType;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which statements the driver may send again, to the next node of its plan, when the node it sent one to fails
 * before answering (a connection closed by a node that died, a node that answered overloaded or bootstrapping): the
 * driver's retry and speculative execution only ever resend a statement marked idempotent, and leave every
 * statement unmarked by default. Without this, a node killed with requests in flight fails each of them to the
 * carrier although two replicas of three could serve it.
 *
 * <p>A read may always go again. A plain write may, when applying it twice leaves what applying it once does: the
 * driver gives each statement one client-side timestamp, which a resend keeps, so an insert, update or delete of
 * plain values is the same write again. Not so for a table with a counter or a list that is not frozen (an append,
 * or a list overwritten, adds its elements again under new cell names), so a write to such a table is left
 * unmarked, and so is a write to a table the driver's metadata does not know yet. A conditional write never goes
 * again: had the first one been applied, the second would find its own write and report itself not applied, and
 * a step would take its own success for a lost race. Its failure is told to the carrier as an unknown outcome, and
 * the carrier's resend with the same idempotency key settles it.
 */
final class Idempotence {
  private static final Pattern WRITTEN_TABLE = Pattern.compile(
      "^\\s*(?:INSERT\\s+INTO|UPDATE|DELETE\\b.*?\\bFROM)\\s+(?:\"?(\\w+)\"?\\.)?\"?(\\w+)\"?",
      Pattern.CASE_INSENSITIVE | Pattern.DOTALL);

  private final CqlSession session;
  /** Per write's CQL, once its table is known. */
  private final Map<String, Boolean> writes = new ConcurrentHashMap<>();

  Idempotence(CqlSession session) {
    this.session = session;
  }

  /** {@code statement}, marked idempotent when it is; a statement its caller marked is left as it is. */
  Statement<?> mark(Statement<?> statement, boolean write, boolean conditional) {
    if (statement.isIdempotent() != null || conditional) {
      return statement;
    }
    return !write || repeatable(statement) ? statement.setIdempotent(true) : statement;
  }

  private boolean repeatable(Statement<?> statement) {
    if (statement instanceof BatchStatement batch) {
      for (BatchableStatement<?> child : batch) {
        if (!repeatable(child)) {
          return false;
        }
      }
      return true;
    }
    String cql = RecordingSession.cql(statement);
    if (cql == null) {
      return false;
    }
    Boolean known = writes.get(cql);
    if (known != null) {
      return known;
    }
    Optional<Boolean> found = repeatableWrite(cql);
    found.ifPresent(repeatable -> writes.put(cql, repeatable));
    return found.orElse(false);
  }

  /** Whether a write of {@code cql} may be applied twice; empty while its table is unknown to the driver. */
  private Optional<Boolean> repeatableWrite(String cql) {
    Matcher m = WRITTEN_TABLE.matcher(cql);
    if (!m.find()) {
      return Optional.of(false);
    }
    Optional<CqlIdentifier> keyspace = m.group(1) != null ? Optional.of(CqlIdentifier.fromInternal(
        m.group(1).toLowerCase(Locale.ROOT))) : session.getKeyspace();
    if (keyspace.isEmpty()) {
      return Optional.empty();
    }
    Optional<TableMetadata> table = session.getMetadata().getKeyspace(keyspace.get())
        .flatMap(k -> k.getTable(CqlIdentifier.fromInternal(m.group(2).toLowerCase(Locale.ROOT))));
    return table.map(t -> t.getColumns().values().stream().noneMatch(Idempotence::addsOnRepeat));
  }

  static boolean addsOnRepeat(ColumnMetadata column) {
    return column.getType().equals(DataTypes.COUNTER)
        || column.getType() instanceof ListType list && !list.isFrozen();
  }
}
