package npc.audit.bench;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;
import npc.audit.chain.ChainAppender;
import npc.audit.chain.CheckpointPolicy;
import npc.audit.record.AuditRecord;
import npc.audit.sign.AuditSigner;
import npc.audit.store.AuditSchema;
import npc.audit.store.CassandraAuditStore;
import npc.audit.testing.SampleExport;
import npc.cassandra.embedded.NodeSettings;
import npc.core.storage.CassandraSettings;
import npc.core.storage.Database;
import npc.core.storage.Replication;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/**
 * Appends per second through {@link ChainAppender} (numbering, SHA-256, a plain insert per entry, a signed
 * checkpoint every 1,000), beside the raw insert ceiling of the same node in the same run: plain inserts of rows of
 * the same shape into the same table, {@value #IN_FLIGHT} in flight, with nothing else. The ceiling is measured
 * before and after the appends, and the appends are held against the higher of the two.
 *
 * <p>Run: {@code java -cp <audit test classpath> npc.audit.bench.AppendBenchmark [seconds] [warm-up seconds]}
 * (defaults 20 and 20). It starts its own embedded node under {@code target/} and stops it at the end.
 */
public final class AppendBenchmark {
  private static final int IN_FLIGHT = 256;

  private AppendBenchmark() {}

  public static void main(String[] args) throws Exception {
    int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 20;
    int warmUp = args.length > 1 ? Integer.parseInt(args[1]) : 20;
    Path dir = Path.of("target", "bench-cassandra-" + System.currentTimeMillis());
    CassandraSettings settings = CassandraSettings.embedded(NodeSettings.defaults(dir).withAutoSnapshot(false))
        .withKeyspace("bench", Replication.simple(1));
    try (Database database = Database.open(settings, List.of(AuditSchema.migrations()))) {
      CqlSession session = database.session();
      rawInserts(session, warmUp, "warm");
      double before = rawInserts(session, seconds, "ceiling1");
      System.out.printf("raw insert ceiling, same node and run (%d in flight): %,.0f inserts/s%n", IN_FLIGHT, before);
      appends(session, warmUp, "warm-up", false);
      double appended = appends(session, seconds, "measured", true);
      double after = rawInserts(session, seconds, "ceiling2");
      System.out.printf("raw insert ceiling again after the appends: %,.0f inserts/s%n", after);
      double ceiling = Math.max(before, after);
      System.out.printf("appends %,.0f/s = %.0f%% of the higher raw insert ceiling (%,.0f/s)%n", appended,
          100 * appended / ceiling, ceiling);
    }
  }

  /** Plain inserts of entry-shaped rows (a chain of its own), as fast as {@value #IN_FLIGHT} in flight allow. */
  private static double rawInserts(CqlSession session, int seconds, String chain) throws InterruptedException {
    PreparedStatement insert = session.prepare("INSERT INTO audit_entries (chain, bucket, position, previous, hash, "
        + "step, at, actor, kind, subject, msisdn, state_before, state_after, reason, evidence, deadline, subscriber)"
        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    Semaphore permits = new Semaphore(IN_FLIGHT);
    AtomicLong done = new AtomicLong();
    long end = System.nanoTime() + seconds * 1_000_000_000L;
    long start = System.nanoTime();
    long position = 0;
    ByteBuffer hash = ByteBuffer.wrap(new byte[32]);
    while (System.nanoTime() < end) {
      permits.acquire();
      position++;
      AuditRecord r = SampleExport.record((int) (position % 1_000_000));
      session.executeAsync(insert.bind(chain, position / 100_000, position, hash, hash, r.step(), r.at(),
              r.actor().orElse(null), r.kind(), r.subject().orElse(null), r.msisdn().orElse(null),
              r.stateBefore().orElse(null), r.stateAfter().orElse(null), r.reason().orElse(null), r.evidence(),
              r.deadline().orElse(null), r.subscriber().map(s -> ByteBuffer.wrap(s.bytes())).orElse(null)))
          .whenComplete((rs, e) -> {
            permits.release();
            if (e == null) {
              done.incrementAndGet();
            }
          });
    }
    permits.acquire(IN_FLIGHT);
    return done.get() / ((System.nanoTime() - start) / 1e9);
  }

  /** Appends from 8 threads to one chain (one instance) for {@code seconds}; the appender bounds what is in flight. */
  private static double appends(CqlSession session, int seconds, String label, boolean print) throws Exception {
    AuditSigner signer = SampleExport.signer();
    CassandraAuditStore store = new CassandraAuditStore(session);
    ChainAppender appender = ChainAppender.open("bench", store, signer, Clock.systemUTC(),
        new CheckpointPolicy(1_000, Duration.ofSeconds(10)), IN_FLIGHT);
    Histogram latency = new ConcurrentHistogram(3);
    AtomicLong done = new AtomicLong();
    long end = System.nanoTime() + seconds * 1_000_000_000L;
    long start = System.nanoTime();
    int threads = 8;
    CountDownLatch finished = new CountDownLatch(threads);
    for (int t = 0; t < threads; t++) {
      int offset = t;
      Thread thread = new Thread(() -> {
        int i = offset;
        while (System.nanoTime() < end) {
          long sent = System.nanoTime();
          AuditRecord r = SampleExport.record(i % 1_000_000).withEvidence(java.util.Map.of("run", label));
          i += threads;
          CompletableFuture<?> f = appender.append(new AuditRecord(UUID.randomUUID(), r.at(), r.actor(), r.kind(),
              r.subject(), r.msisdn(), r.stateBefore(), r.stateAfter(), r.reason(), r.evidence(), r.deadline(),
              r.subscriber()));
          f.whenComplete((e, error) -> {
            latency.recordValue((System.nanoTime() - sent) / 1_000);
            done.incrementAndGet();
          });
        }
        finished.countDown();
      });
      thread.start();
    }
    finished.await();
    appender.close();
    double rate = done.get() / ((System.nanoTime() - start) / 1e9);
    if (print) {
      System.out.printf("appends (%s, %d threads, %d in flight): %,.0f/s; append to acknowledgement, us: p50 %d, "
              + "p99 %d, p99.9 %d, max %d, samples %d; chain %s acknowledged up to %d%n", label, threads, IN_FLIGHT,
          rate, latency.getValueAtPercentile(50), latency.getValueAtPercentile(99),
          latency.getValueAtPercentile(99.9), latency.getMaxValue(), latency.getTotalCount(), appender.chainId(),
          appender.acknowledgedHead().position());
    }
    return rate;
  }
}
