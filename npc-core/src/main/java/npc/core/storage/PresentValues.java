package npc.core.storage;

import com.datastax.oss.driver.api.core.cql.BoundStatement;
import com.datastax.oss.driver.api.core.cql.BoundStatementBuilder;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import java.util.Collection;
import java.util.Map;

/**
 * Binds a plain write's values, leaving absent ones unset rather than null. A null bound in an insert or update is
 * a deletion: Cassandra writes a tombstone cell for it, which every later read of the partition has to read past
 * (a read of a thousand audit entries met 2,500 of them) and which lives until compaction after gc_grace. An unset
 * value writes nothing. An empty collection is treated the same way, since binding one writes only the deletion of
 * the collection's old content.
 *
 * <p>Only for statements whose every marker is a value to write (inserts' values, updates' {@code SET}): a marker of a
 * {@code WHERE} or {@code IF} clause must be bound, and an unset one there is refused by the node.
 */
public final class PresentValues {
  private PresentValues() {}

  /** {@code statement} bound to {@code values} in order; each null or empty-collection value left unset. */
  public static BoundStatement bind(PreparedStatement statement, Object... values) {
    BoundStatementBuilder builder = statement.boundStatementBuilder(values);
    for (int i = 0; i < values.length; i++) {
      if (absent(values[i])) {
        builder = builder.unset(i);
      }
    }
    return builder.build();
  }

  private static boolean absent(Object value) {
    return value == null || value instanceof Collection<?> c && c.isEmpty()
        || value instanceof Map<?, ?> m && m.isEmpty();
  }
}
