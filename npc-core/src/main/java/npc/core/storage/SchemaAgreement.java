package npc.core.storage;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.config.DefaultDriverOption;
import com.datastax.oss.driver.api.core.cql.ExecutionInfo;
import com.datastax.oss.driver.api.core.cql.ResultSet;
import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import com.datastax.oss.driver.api.core.metadata.Node;
import com.datastax.oss.driver.api.core.metadata.NodeState;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * Runs schema changes so that the next statement finds the change on whichever node it reaches.
 *
 * <p>The driver's own check after a schema change is not enough on a cluster: it reads every version through its
 * control connection's node, which may not have received the change yet and so reports the old version for
 * itself and, through gossip, for the others: all equal, "agreed", while the node that applied the change is
 * ahead. A statement that uses a table created just before could then reach a node without it ("table ... does not
 * exist"; 4 starts in 14 on a 3-node cluster).
 *
 * <p>So after each change, every live node is asked its own {@code system.local.schema_version}, with a statement
 * sent to that node only, until all answer the same version, the node that coordinated the change included. That
 * node applied the change before it answered, and a schema version is a digest of the whole schema: every node
 * that reports the coordinator's version holds the change. Bounded by the driver's request timeout.
 */
public final class SchemaAgreement {
  private static final long POLL_MILLIS = 100;
  private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(2);
  /**
   * A schema change on a node that has just started, or on a loaded one, can take longer than a request: the first
   * tables of a fresh node have been seen to take over 10 s on two shared processors. A start waits rather than fail.
   */
  static final Duration CHANGE_TIMEOUT = Duration.ofSeconds(60);

  private SchemaAgreement() {}

  /**
   * Executes a schema change and returns once every live node holds it.
   *
   * @throws SchemaMigrationException when the nodes do not agree within the session's request timeout, naming
   *     each node's version or error
   */
  public static ResultSet execute(CqlSession session, String statement) {
    ResultSet result = session.execute(SimpleStatement.newInstance(statement).setTimeout(CHANGE_TIMEOUT));
    await(session, result.getExecutionInfo(), statement);
    return result;
  }

  /** Waits until every live node holds the schema change that {@code change} describes. */
  public static void await(CqlSession session, ExecutionInfo change, String statement) {
    Node coordinator = Objects.requireNonNull(change.getCoordinator(), "the change's coordinator");
    Duration timeout = session.getContext().getConfig().getDefaultProfile()
        .getDuration(DefaultDriverOption.REQUEST_TIMEOUT);
    long deadline = System.nanoTime() + timeout.toNanos();
    Map<Node, String> last;
    while (true) {
      last = versions(session, coordinator);
      if (last.values().stream().distinct().count() == 1 && isVersion(last.get(coordinator))) {
        return;
      }
      if (System.nanoTime() > deadline) {
        throw new SchemaMigrationException("the Cassandra nodes did not agree on the schema within "
            + timeout.toSeconds() + " s after: " + firstLine(statement) + " (coordinated by "
            + coordinator.getEndPoint() + "); schema version of each live node: " + describe(last)
            + ". Check that every node is up and can reach the others (nodetool describecluster), then start "
            + "again");
      }
      try {
        Thread.sleep(POLL_MILLIS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new SchemaMigrationException("interrupted while waiting for schema agreement", e);
      }
    }
  }

  /** Each live node's own schema version, read from that node, or the error that prevented it. */
  private static Map<Node, String> versions(CqlSession session, Node coordinator) {
    List<Node> nodes = new ArrayList<>();
    nodes.add(coordinator);
    for (Node node : session.getMetadata().getNodes().values()) {
      if (node.getState() == NodeState.UP && !node.equals(coordinator)) {
        nodes.add(node);
      }
    }
    Map<Node, String> versions = new LinkedHashMap<>();
    for (Node node : nodes) {
      try {
        Row row = session.execute(Consistency.read("SELECT schema_version FROM system.local")
            .setNode(node)
            .setIdempotent(true)
            .setTimeout(PROBE_TIMEOUT)).one();
        UUID version = row == null ? null : row.getUuid("schema_version");
        versions.put(node, version == null ? "no version" : version.toString());
      } catch (RuntimeException e) {
        versions.put(node, "unreachable (" + e.getMessage() + ")");
      }
    }
    return versions;
  }

  private static boolean isVersion(String text) {
    return text != null && !text.startsWith("unreachable") && !text.equals("no version");
  }

  private static String describe(Map<Node, String> versions) {
    StringBuilder text = new StringBuilder();
    versions.forEach((node, version) -> text.append(text.length() == 0 ? "" : ", ")
        .append(node.getEndPoint()).append(" ").append(version));
    return text.toString();
  }

  private static String firstLine(String statement) {
    String line = statement.strip().lines().findFirst().orElse("");
    return line.length() > 80 ? line.substring(0, 80) + "..." : line;
  }
}
