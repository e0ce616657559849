package npc.core.porting;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Processor time of a process by group of threads, read from Linux's {@code /proc/PID/task/TID/stat}: user and system
 * ticks of each thread, grouped by the thread's name without its numbers ({@code MutationStage-3} and {@code
 * MutationStage-5} are one group, {@code GC Thread#1} another). The difference of two readings tells where the time a
 * benchmark's window took went, the garbage collector's and the JIT compiler's threads included, which a sampling
 * profiler of Java frames does not see. Each thread's time is its own difference, under the name it has at the
 * second reading; a thread that ended between the readings is missing (the threads of a benchmark's window live
 * through it, Cassandra's pooled stage threads mostly do).
 */
final class ThreadCpu {
  private static final double TICK_NANOS = 1e9 / 100; // USER_HZ, 100 on Linux

  private ThreadCpu() {}

  /** A thread's group and its ticks so far. */
  record Ticks(String group, long ticks) {}

  /** The threads of {@code pid} by id, or an empty map where {@code /proc} is not Linux's. */
  static Map<String, Ticks> read(long pid) {
    Map<String, Ticks> threads = new HashMap<>();
    try (Stream<Path> tasks = Files.list(Path.of("/proc", String.valueOf(pid), "task"))) {
      for (Path task : (Iterable<Path>) tasks::iterator) {
        String stat;
        try {
          stat = Files.readString(task.resolve("stat"));
        } catch (IOException e) {
          continue; // the thread ended
        }
        int open = stat.indexOf('(');
        int close = stat.lastIndexOf(')');
        String name = group(stat.substring(open + 1, close));
        String[] fields = stat.substring(close + 2).split(" ");
        // after the name: state, ppid, pgrp, session, tty, tpgid, flags, minflt, cminflt, majflt, cmajflt, utime, stime
        threads.put(task.getFileName().toString(),
            new Ticks(name, Long.parseLong(fields[11]) + Long.parseLong(fields[12])));
      }
    } catch (IOException e) {
      return Map.of();
    }
    return threads;
  }

  /**
   * A thread's group: its name without numbers; Cassandra's stage threads are one group, as a worker of its shared
   * pool renames itself for the stage it works for, carrying its whole time from one name to the other.
   */
  private static String group(String name) {
    String plain = name.replaceAll("[0-9]+", "").replaceAll("[-#_ :]+$", "");
    return STAGES.stream().anyMatch(plain::startsWith) ? "stages" : plain;
  }

  /** The prefixes of Cassandra's stage threads (names are cut to 15 characters). */
  private static final List<String> STAGES = List.of("MutationStage", "Native-Transpor", "ReadStage",
      "CounterMutation", "ViewMutationSta", "RequestRespons", "PaxosRepairStag");

  /** Prints {@code after - before} per lifecycle, the largest groups first, as microseconds. */
  static void print(String who, Map<String, Ticks> before, Map<String, Ticks> after, long lifecycles) {
    Map<String, Long> byGroup = new HashMap<>();
    long total = 0;
    for (Map.Entry<String, Ticks> thread : after.entrySet()) {
      Ticks then = before.get(thread.getKey());
      long ticks = thread.getValue().ticks() - (then == null ? 0 : then.ticks());
      byGroup.merge(thread.getValue().group(), ticks, Long::sum);
      total += ticks;
    }
    List<Map.Entry<String, Long>> groups = new ArrayList<>(byGroup.entrySet());
    groups.removeIf(group -> group.getValue() == 0);
    groups.sort(Map.Entry.<String, Long>comparingByValue().reversed());
    StringBuilder line = new StringBuilder(String.format("%s CPU per lifecycle by thread, us: total %.0f;", who,
        total * TICK_NANOS / 1e3 / lifecycles));
    for (Map.Entry<String, Long> group : groups) {
      line.append(String.format(" %s %.0f,", group.getKey(), group.getValue() * TICK_NANOS / 1e3 / lifecycles));
    }
    System.out.println(line);
  }
}
