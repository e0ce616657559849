package npc.audit.bench;

import java.io.BufferedWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import npc.audit.chain.Chain;
import npc.audit.export.AuditVerifier;
import npc.audit.export.ExportWriter;
import npc.audit.export.VerifyResult;
import npc.audit.record.AuditEntry;
import npc.audit.record.Bytes32;
import npc.audit.record.Checkpoint;
import npc.audit.sign.AuditSigner;
import npc.audit.testing.SampleExport;
import org.HdrHistogram.Histogram;

/**
 * The offline verifier's speed: entries verified per second by one thread, reading an export file from disk (JSON
 * parsing, canonical encoding, SHA-256 of every entry, an Ed25519 signature per checkpoint). The export is made
 * first: {@code chains} chains of sample entries (about 480 bytes a line), a checkpoint every 1,000 entries.
 *
 * <p>Run pinned to one core: {@code taskset -c 1 java -cp <audit test classpath> npc.audit.bench.VerifierBenchmark
 * [entries] [runs]} (defaults 500,000 and 7). The first two runs warm the JIT and are not counted. There is no
 * storage in this path, so there is no storage ceiling to hold it against; the goal is >= 200,000 entries/s.
 */
public final class VerifierBenchmark {
  private static final java.lang.management.ThreadMXBean THREAD =
      java.lang.management.ManagementFactory.getThreadMXBean();

  private VerifierBenchmark() {}

  public static void main(String[] args) throws Exception {
    int entries = args.length > 0 ? Integer.parseInt(args[0]) : 500_000;
    int runs = args.length > 1 ? Integer.parseInt(args[1]) : 7;
    int chains = 4;
    Path file = Files.createTempFile("npc-audit-bench", ".jsonl");
    try {
      AuditSigner signer = SampleExport.signer();
      try (Writer out = new BufferedWriter(Files.newBufferedWriter(file, StandardCharsets.UTF_8), 1 << 16)) {
        ExportWriter export = new ExportWriter(out, signer, SampleExport.T0, SampleExport.T0.plusSeconds(86_400 * 30));
        for (int c = 0; c < chains; c++) {
          String id = "bench" + c;
          int base = c * (entries / chains);
          List<Checkpoint> checkpoints = new ArrayList<>();
          Chain chain = new Chain(id);
          for (int i = 0; i < entries / chains; i++) {
            AuditEntry e = chain.append(SampleExport.record(base + i));
            if (e.position() % 1_000 == 0) {
              checkpoints.add(signer.checkpoint(chain.head(), e.record().at()));
            }
          }
          export.chain(id, 1, Bytes32.ZERO, entries(id, base, entries / chains), checkpoints);
        }
        export.finish(SampleExport.T0.plusSeconds(86_400 * 30));
      }
      System.out.printf("export: %,d entries in %d chains, %,d bytes (%.0f bytes a line)%n", entries, chains,
          Files.size(file), (double) Files.size(file) / entries);
      Histogram nanosPerEntry = new Histogram(3);
      Histogram cpuPerEntry = new Histogram(3);
      double best = 0;
      for (int run = 0; run < runs; run++) {
        long start = System.nanoTime();
        long cpuStart = THREAD.getCurrentThreadCpuTime();
        VerifyResult result = AuditVerifier.verify(file, signer.publicKey());
        long elapsed = System.nanoTime() - start;
        long cpu = THREAD.getCurrentThreadCpuTime() - cpuStart;
        if (!result.ok()) {
          throw new IllegalStateException("the benchmark's export does not verify: " + result.message());
        }
        double rate = entries / (elapsed / 1e9);
        System.out.printf("run %d%s: %.2f s, %,.0f entries/s; the thread's own CPU time %.2f s, %,.0f entries per "
                + "CPU second  (%s)%n", run + 1, run < 2 ? " (warm-up)" : "", elapsed / 1e9, rate, cpu / 1e9,
            entries / (cpu / 1e9), result.message());
        if (run >= 2) {
          nanosPerEntry.recordValue(elapsed / entries);
          cpuPerEntry.recordValue(cpu / entries);
          best = Math.max(best, rate);
        }
      }
      double median = 1e9 / nanosPerEntry.getValueAtPercentile(50);
      System.out.printf("verifier, one thread, %d measured runs: median %,.0f entries/s, best %,.0f entries/s "
              + "(ns per entry p50 %d, max %d; goal >= 200,000 entries/s); processors visible: %d%n",
          nanosPerEntry.getTotalCount(), median, best, nanosPerEntry.getValueAtPercentile(50),
          nanosPerEntry.getMaxValue(), Runtime.getRuntime().availableProcessors());
      System.out.printf("hashing alone, same thread and run (SHA-256 of each entry's canonical encoding, no parsing): "
          + "%,.0f entries per CPU second; the verifier does %.0f%% of that%n", hashCeiling(),
          100 * (1e9 / cpuPerEntry.getValueAtPercentile(50)) / hashCeiling());
      System.out.printf("by the verifying thread's CPU time (what it costs on a core of its own, whatever else the "
          + "machine runs): median %,.0f entries per CPU second%n", 1e9 / cpuPerEntry.getValueAtPercentile(50));
    } finally {
      Files.deleteIfExists(file);
    }
  }

  private static double hashCeiling = -1;

  /** Entries hashed per CPU second of this thread: the floor of what verifying an entry costs, measured here and now. */
  private static double hashCeiling() {
    if (hashCeiling < 0) {
      List<byte[]> encodings = new ArrayList<>();
      Chain chain = new Chain("bench0");
      for (int i = 0; i < 100_000; i++) {
        encodings.add(npc.audit.record.CanonicalEncoding.entry(chain.append(SampleExport.record(i))));
      }
      double best = 0;
      for (int run = 0; run < 5; run++) {
        long cpu = THREAD.getCurrentThreadCpuTime();
        for (byte[] e : encodings) {
          npc.audit.record.Sha256.of(e);
        }
        best = Math.max(best, encodings.size() / ((THREAD.getCurrentThreadCpuTime() - cpu) / 1e9));
      }
      hashCeiling = best;
    }
    return hashCeiling;
  }

  /** The same entries again, made as they are written rather than held in memory. */
  private static Iterator<AuditEntry> entries(String id, int base, int count) {
    Chain chain = new Chain(id);
    return new Iterator<>() {
      private int i;

      @Override
      public boolean hasNext() {
        return i < count;
      }

      @Override
      public AuditEntry next() {
        if (i >= count) {
          throw new NoSuchElementException();
        }
        return chain.append(SampleExport.record(base + i++));
      }
    };
  }

}
