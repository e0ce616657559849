package npc.core.storage.testing;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.DefaultConsistencyLevel;
import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How many tombstone cells the node met reading a query, as its own trace reports it ("Read N live rows and M
 * tombstone cells", the same count as the warning a read past many of them logs). A test that writes rows and reads
 * them back through this sees every null the write bound as a deleted cell.
 */
public final class Tombstones {
  private static final Pattern READ = Pattern.compile("Read (\\d+) live rows and (\\d+) tombstone cells");

  private Tombstones() {}

  /** The live rows and tombstone cells the traced read of {@code cql} met, summed over its trace's reads. */
  public static Counted read(CqlSession session, String cql, Object... values) {
    UUID id = session.execute(SimpleStatement.newInstance(cql, values).setTracing(true))
        .getExecutionInfo().getTracingId();
    // The node writes a trace's events in the background: read them until the read's own is there.
    for (int attempt = 0; attempt < 50; attempt++) {
      long live = 0;
      long tombstones = 0;
      boolean seen = false;
      // system_traces keeps two replicas, which a single node does not have: read what one holds.
      for (Row event : session.execute(SimpleStatement.newInstance(
          "SELECT activity FROM system_traces.events WHERE session_id = ?", id)
          .setConsistencyLevel(DefaultConsistencyLevel.ONE))) {
        Matcher m = READ.matcher(String.valueOf(event.getString("activity")));
        if (m.find()) {
          seen = true;
          live += Long.parseLong(m.group(1));
          tombstones += Long.parseLong(m.group(2));
        }
      }
      if (seen) {
        return new Counted(live, tombstones);
      }
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    throw new AssertionError("the trace of " + cql + " reports no read");
  }

  /** What a traced read met. */
  public record Counted(long liveRows, long tombstoneCells) {}
}
