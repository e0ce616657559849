package npc.cassandra.embedded;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The files that configure one run of the node: a minimal {@code cassandra.yaml} (Cassandra's loader rejects
 * unknown keys, so nothing more than needed) and a logback configuration that writes INFO to standard output,
 * which the parent appends to the node's log file.
 */
final class NodeConfiguration {
  /** Threads of each of the node's read and write stages: one per processor, two at least. */
  static final int STAGE_THREADS = Math.max(2, Runtime.getRuntime().availableProcessors());

  private NodeConfiguration() {}

  static Path writeYaml(NodeSettings settings, int nativePort, int storagePort) throws IOException {
    Path directory = settings.directory();
    Path conf = Files.createDirectories(directory.resolve("conf"));
    ClusterMember member = settings.member();
    String address = settings.address().getHostAddress();
    String seed = member == null ? address : member.seed().getHostAddress();
    // A lone node owns the whole ring with one token. Members take vnodes, so that a joining node needs no manual
    // choice of tokens, and one compaction thread each: several nodes share the machine's processors.
    String tokens = member == null ? "num_tokens: 1\ninitial_token: 0\n"
        : "num_tokens: " + ClusterMember.TOKENS + "\nconcurrent_compactors: 1\n";
    String yaml = """
        # Written by npc at every start of the embedded node; edits are overwritten.
        cluster_name: npc
        %7$s\
        partitioner: org.apache.cassandra.dht.Murmur3Partitioner
        # periodic: a crash of the whole machine may lose up to 10 s of writes; use batch for stricter needs.
        commitlog_sync: periodic
        commitlog_sync_period: 10000ms
        # Paxos v2 (CEP-14): the same linearizable conditional writes in fewer round trips.
        paxos_variant: v2
        # Trie memtables, their cell values off the heap (counted against an allowance of their own): the same
        # writes fill the memtables more slowly, so tables flush less often, and each flush costs later reads and
        # compactions (audit/BENCHMARKS.md: one run of the audit's lifecycle benchmark flushed 34 times, not 80).
        memtable:
          configurations:
            default:
              class_name: TrieMemtable
        memtable_allocation_type: offheap_objects
        # Threads sized for a node that shares a small machine with npc, its data in the page cache: Cassandra's
        # defaults (32 readers, 32 writers, 128 request threads) are for servers waiting on many disks; on 2
        # processors they mostly switch between one another (lifecycles 131/s with 4/4/8, 169/s with 2/2/4).
        concurrent_reads: %5$d
        concurrent_writes: %5$d
        concurrent_counter_writes: %5$d
        native_transport_max_threads: %6$d
        data_file_directories: [%1$s/data]
        commitlog_directory: %1$s/commitlog
        saved_caches_directory: %1$s/saved_caches
        hints_directory: %1$s/hints
        cdc_raw_directory: %1$s/cdc
        seed_provider:
          - class_name: org.apache.cassandra.locator.SimpleSeedProvider
            parameters:
              - seeds: "%9$s:%3$d"
        listen_address: %8$s
        rpc_address: %8$s
        storage_port: %3$d
        native_transport_port: %2$d
        endpoint_snitch: SimpleSnitch
        start_native_transport: true
        auto_snapshot: %4$s
        """.formatted(directory.toAbsolutePath(), nativePort, storagePort, settings.autoSnapshot(), STAGE_THREADS,
        2 * STAGE_THREADS, tokens, address, seed);
    Path file = conf.resolve("cassandra.yaml");
    Files.writeString(file, yaml);
    return file;
  }

  static Path writeLogback(Path directory) throws IOException {
    Path conf = Files.createDirectories(directory.resolve("conf"));
    String xml = """
        <configuration>
          <appender name="STDOUT" class="ch.qos.logback.core.ConsoleAppender">
            <encoder>
              <pattern>%-5level [%thread] %date{ISO8601} %F:%L - %msg%n</pattern>
            </encoder>
          </appender>
          <root level="INFO">
            <appender-ref ref="STDOUT"/>
          </root>
        </configuration>
        """;
    Path file = conf.resolve("logback.xml");
    Files.writeString(file, xml);
    return file;
  }
}
