package npc.audit.store;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.AsyncResultSet;
import com.datastax.oss.driver.api.core.cql.BatchStatement;
import com.datastax.oss.driver.api.core.cql.BatchableStatement;
import com.datastax.oss.driver.api.core.cql.DefaultBatchType;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import npc.audit.report.AnswerTimes;
import npc.audit.report.DailyFigures;
import npc.audit.report.DailyStore;
import npc.core.storage.PresentValues;

/**
 * The report figures in Cassandra ({@code audit_daily}, the audit's migration V005): one partition per day, a row per
 * carrier and chain. The rows of one chain on one day leave as one unlogged batch, which is confined to the day's
 * partition and so applied whole or not at all, with the covered position as the write's timestamp: a write covering
 * less of the chain than the row holds loses to it, whatever order the two arrive in. Absent values (an empty map, no
 * answer time) are left unset.
 */
public final class CassandraDailyStore implements DailyStore {
  private static final String COLUMNS = "outcomes, reasons, counts, port_answers, port_answer_max, query_answers, "
      + "query_answer_max";

  private final CqlSession session;
  private final PreparedStatement insert;
  private final PreparedStatement select;

  public CassandraDailyStore(CqlSession session) {
    this.session = session;
    insert = session.prepare("INSERT INTO audit_daily (day, carrier, chain, covered, " + COLUMNS
        + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    select = session.prepare("SELECT " + COLUMNS + " FROM audit_daily WHERE day = ? AND carrier = ?");
  }

  @Override
  public void write(String chain, LocalDate day, long covered, Map<String, DailyFigures> carriers) {
    if (carriers.isEmpty()) {
      return;
    }
    List<BatchableStatement<?>> rows = new ArrayList<>();
    for (Map.Entry<String, DailyFigures> c : carriers.entrySet()) {
      DailyFigures f = c.getValue();
      rows.add(PresentValues.bind(insert, day, c.getKey(), chain, covered, f.outcomes(), f.reasons(),
          Arrays.stream(f.counts()).boxed().toList(), f.portAnswers().encoded(), answerMax(f.portAnswers()),
          f.queryAnswers().encoded(), answerMax(f.queryAnswers())));
    }
    session.execute(BatchStatement.newInstance(DefaultBatchType.UNLOGGED).addAll(rows).setQueryTimestamp(covered));
  }

  @Override
  public List<DailyFigures> read(String carrier, List<LocalDate> days) {
    List<CompletableFuture<List<DailyFigures>>> reads = new ArrayList<>();
    for (LocalDate day : days) {
      reads.add(session.executeAsync(select.bind(day, carrier)).thenCompose(rs -> rows(rs, new ArrayList<>()))
          .toCompletableFuture());
    }
    List<DailyFigures> figures = new ArrayList<>();
    reads.forEach(r -> figures.addAll(r.join()));
    return figures;
  }

  private static CompletionStage<List<DailyFigures>> rows(AsyncResultSet page, List<DailyFigures> into) {
    for (Row row : page.currentPage()) {
      into.add(DailyFigures.of(row.getMap("outcomes", String.class, Long.class),
          row.getMap("reasons", String.class, Long.class),
          row.getList("counts", Long.class).stream().mapToLong(Long::longValue).toArray(),
          AnswerTimes.decode(row.getByteBuffer("port_answers"), row.getLong("port_answer_max")),
          AnswerTimes.decode(row.getByteBuffer("query_answers"), row.getLong("query_answer_max"))));
    }
    return page.hasMorePages() ? page.fetchNextPage().thenCompose(next -> rows(next, into))
        : CompletableFuture.completedFuture(into);
  }

  /** The maximum time, absent (unset) when there is none. */
  private static Long answerMax(AnswerTimes times) {
    return times.count() == 0 ? null : times.max();
  }
}
