package npc.audit.bench;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import npc.audit.chain.ChainAppender;
import npc.audit.chain.CheckpointPolicy;
import npc.audit.detect.DetectorSettings;
import npc.audit.detect.Detectors;
import npc.audit.findings.FindingsRunner;
import npc.audit.record.AuditEntry;
import npc.audit.record.ChainHead;
import npc.audit.sign.AuditSigner;
import npc.audit.store.AuditSchema;
import npc.audit.store.CassandraAuditStore;
import npc.audit.store.CassandraFindingStore;
import npc.audit.testing.SampleExport;
import npc.cassandra.embedded.NodeSettings;
import npc.core.storage.CassandraSettings;
import npc.core.storage.Database;
import npc.core.storage.Replication;
import org.HdrHistogram.Histogram;

/**
 * What a findings round costs on a real node: the first round after a start (every chain read once from position 1,
 * every detector over the whole window), then rounds that each follow {@value #PER_ROUND} new entries (the tail of
 * each chain read, the detectors over the window), beside the storage's read ceiling measured in the same run (every
 * entry of every chain read through the store, with nothing else).
 *
 * <p>Run: {@code java -cp <audit test classpath> npc.audit.bench.FindingsRoundBenchmark [entries] [rounds]}
 * (defaults 100,000 and 30). It starts its own embedded node under {@code target/} and stops it at the end.
 */
public final class FindingsRoundBenchmark {
  private static final int PER_ROUND = 1_000;

  private FindingsRoundBenchmark() {}

  public static void main(String[] args) throws Exception {
    int entries = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 30;
    Path dir = Path.of("target", "bench-cassandra-" + System.currentTimeMillis());
    CassandraSettings settings = CassandraSettings.embedded(NodeSettings.defaults(dir).withAutoSnapshot(false))
        .withKeyspace("bench", Replication.simple(1));
    try (Database database = Database.open(settings, List.of(AuditSchema.migrations()))) {
      AuditSigner signer = SampleExport.signer();
      CassandraAuditStore store = new CassandraAuditStore(database.session());
      Clock clock = Clock.fixed(SampleExport.T0.plus(Duration.ofDays(20)), ZoneOffset.UTC);
      List<ChainAppender> chains = List.of(
          ChainAppender.open("bench1", store, signer, clock, CheckpointPolicy.DEFAULT, 256),
          ChainAppender.open("bench2", store, signer, clock, CheckpointPolicy.DEFAULT, 256));
      append(chains, 0, entries);

      long start = System.nanoTime();
      long read = readAll(store);
      double ceiling = read / seconds(start);
      System.out.printf("storage read ceiling, same node and run: %,d entries read in order in %.2f s = %,.0f "
          + "entries/s%n", read, seconds(start), ceiling);

      FindingsRunner runner = new FindingsRunner(store, new CassandraFindingStore(database.session()),
          new Detectors(DetectorSettings.defaults()), Duration.ofDays(30), clock);
      start = System.nanoTime();
      FindingsRunner.Round first = runner.run();
      System.out.printf("first round (a start: every chain read from position 1): %,d entries in %.2f s = %,.0f "
          + "entries/s, %d results%n", first.entries(), seconds(start), first.entries() / seconds(start),
          first.detection().findings().size() + first.detection().insufficient().size()
              + first.detection().signals().size());

      Histogram millis = new Histogram(3);
      int next = entries;
      for (int r = 0; r < rounds; r++) {
        append(chains, next, PER_ROUND);
        next += PER_ROUND;
        long t = System.nanoTime();
        runner.run();
        millis.recordValue(Math.max(1, (System.nanoTime() - t) / 1_000_000));
      }
      System.out.printf("later rounds (%,d new entries each, window of %,d to %,d entries): n=%d p50=%d ms "
          + "p99=%d ms p99.9=%d ms max=%d ms%n", PER_ROUND, entries, next, millis.getTotalCount(),
          millis.getValueAtPercentile(50), millis.getValueAtPercentile(99), millis.getValueAtPercentile(99.9),
          millis.getMaxValue());
      System.out.printf("re-reading the whole record every round instead would cost at least %.2f s at the "
          + "ceiling%n", next / ceiling);
      for (ChainAppender c : chains) {
        c.close();
      }
    }
  }

  private static void append(List<ChainAppender> chains, int from, int count) {
    List<CompletableFuture<AuditEntry>> written = new ArrayList<>();
    for (int i = from; i < from + count; i++) {
      written.add(chains.get(i % chains.size()).append(SampleExport.record(i)));
    }
    CompletableFuture.allOf(written.toArray(CompletableFuture[]::new)).join();
  }

  private static long readAll(CassandraAuditStore store) {
    long n = 0;
    for (ChainHead head : store.latestCheckpoints()) {
      for (Iterator<AuditEntry> it = store.entries(head.chain(), 1); it.hasNext(); it.next()) {
        n++;
      }
    }
    return n;
  }

  private static double seconds(long startNanos) {
    return (System.nanoTime() - startNanos) / 1e9;
  }
}
