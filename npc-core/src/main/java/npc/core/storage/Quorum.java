package npc.core.storage;

import com.datastax.oss.driver.api.core.ConsistencyLevel;
import com.datastax.oss.driver.api.core.CqlIdentifier;
import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.DefaultConsistencyLevel;
import com.datastax.oss.driver.api.core.DriverException;
import com.datastax.oss.driver.api.core.metadata.NodeState;
import com.datastax.oss.driver.api.core.metadata.TokenMap;
import com.datastax.oss.driver.api.core.metadata.schema.KeyspaceMetadata;
import com.datastax.oss.driver.api.core.metadata.token.TokenRange;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Whether npc can read and write at its levels now. Cassandra refuses a request ({@code Unavailable}) when fewer
 * replicas of its data are up than its level needs, so a node that answers queries says nothing of that: with two
 * of three replicas down, {@code SELECT ... FROM system.local} still works while every carrier's request is refused.
 * Two checks: for every token range of npc's keyspace, as many replicas in the local datacenter are up (as the
 * driver sees them) as the strictest configured level needs; and a read at the read level answers.
 *
 * @param reachable whether both checks passed
 * @param detail    what was found, for an operator: the ranges short of replicas, or Cassandra's refusal
 */
public record Quorum(boolean reachable, String detail) {

  static Quorum check(CqlSession session, String keyspace, String datacenter, Consistency levels) {
    Optional<KeyspaceMetadata> metadata = session.getMetadata().getKeyspace(keyspace);
    if (metadata.isEmpty()) {
      return new Quorum(false, "the driver sees no keyspace " + keyspace);
    }
    int factor = localFactor(metadata.get().getReplication(), datacenter);
    int needed = Stream.of(levels.read(), levels.write(), levels.serial())
        .mapToInt(level -> needed(level, factor)).max().orElse(1);
    Optional<TokenMap> tokens = session.getMetadata().getTokenMap();
    String replicas = factor + " replicas in " + datacenter + ", " + needed + " needed";
    if (tokens.isPresent()) {
      int ranges = 0;
      int lacking = 0;
      int fewestUp = Integer.MAX_VALUE;
      for (TokenRange range : tokens.get().getTokenRanges()) {
        int up = (int) tokens.get().getReplicas(CqlIdentifier.fromInternal(keyspace), range).stream()
            .filter(node -> node.getState() == NodeState.UP && datacenter.equals(node.getDatacenter()))
            .count();
        ranges++;
        fewestUp = Math.min(fewestUp, up);
        if (up < needed) {
          lacking++;
        }
      }
      if (lacking > 0) {
        return new Quorum(false, lacking + " of " + ranges + " token ranges have fewer replicas up than needed ("
            + replicas + ", as few as " + fewestUp + " up)");
      }
    }
    try {
      session.execute(Consistency.read("SELECT version FROM schema_version WHERE component = 'npc' LIMIT 1"));
    } catch (DriverException e) {
      return new Quorum(false, "a read at " + levels.read() + " failed (" + replicas + "): "
          + OutageLog.cause(e));
    }
    return new Quorum(true, replicas + ", reachable");
  }

  /** The replication factor in {@code datacenter}: SimpleStrategy's one factor, or the datacenter's own. */
  private static int localFactor(Map<String, String> replication, String datacenter) {
    String value = replication.getOrDefault("replication_factor", replication.get(datacenter));
    if (value == null) {
      return 0;
    }
    return Integer.parseInt(value.split("/")[0].trim()); // "3" or, with transient replicas, "3/1"
  }

  private static int needed(ConsistencyLevel level, int factor) {
    if (!(level instanceof DefaultConsistencyLevel known)) {
      return factor / 2 + 1;
    }
    return switch (known) {
      case ANY, ONE, LOCAL_ONE -> 1;
      case TWO -> 2;
      case THREE -> 3;
      case ALL -> factor;
      default -> factor / 2 + 1; // the quorums, serial or not
    };
  }
}
