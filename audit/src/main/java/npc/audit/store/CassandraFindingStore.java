package npc.audit.store;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import npc.audit.findings.FindingStore;
import npc.audit.findings.KeptFinding;

/**
 * The detectors' results in Cassandra ({@code audit_findings}, the audit's migration V003): one partition per
 * carrier, clustered by rule, type and key, written with plain upserts. A period is matched by reading the carrier's
 * (or the carrier and rule's) rows and keeping those whose window meets it: a carrier's rows are few (one per
 * rule and result, and a new one only when a window slides past a finding's first entry).
 */
public final class CassandraFindingStore implements FindingStore {
  private final CqlSession session;
  private final PreparedStatement insert;
  private final PreparedStatement byCarrier;
  private final PreparedStatement byCarrierAndRule;

  public CassandraFindingStore(CqlSession session) {
    this.session = session;
    insert = session.prepare("INSERT INTO audit_findings (carrier, rule, type, key, period_from, period_to, "
        + "computed_at, line) VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
    String select = "SELECT carrier, rule, type, key, period_from, period_to, computed_at, line FROM audit_findings "
        + "WHERE carrier = ?";
    byCarrier = session.prepare(select);
    byCarrierAndRule = session.prepare(select + " AND rule = ?");
  }

  @Override
  public void save(List<KeptFinding> results) {
    List<CompletableFuture<?>> writes = new ArrayList<>();
    for (KeptFinding k : results) {
      writes.add(session.executeAsync(insert.bind(k.carrier(), k.rule(), k.type(), k.key(), k.from(), k.to(),
          k.computedAt(), k.line())).toCompletableFuture());
    }
    CompletableFuture.allOf(writes.toArray(CompletableFuture[]::new)).join();
  }

  @Override
  public List<KeptFinding> find(String carrier, Optional<String> rule, Instant from, Instant to) {
    List<KeptFinding> found = new ArrayList<>();
    for (Row row : session.execute(rule.isPresent() ? byCarrierAndRule.bind(carrier, rule.get())
        : byCarrier.bind(carrier))) {
      KeptFinding k = new KeptFinding(row.getString("carrier"), row.getString("rule"), row.getString("type"),
          row.getString("key"), row.getInstant("period_from"), row.getInstant("period_to"),
          row.getInstant("computed_at"), row.getString("line"));
      if (k.overlaps(from, to)) {
        found.add(k);
      }
    }
    return found;
  }
}
