package npc.core.porting;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The failed lifecycles of a benchmark's process, warm-up included, by cause (each exception of the chain, its class
 * and the first line of its message), with the first stack trace of each cause: a failure counted is a failure
 * explained.
 */
final class Failures {
  /** How often one cause failed a lifecycle, and the stack trace of its first failure. */
  private record Cause(AtomicLong count, String firstTrace) {}

  private final Map<String, Cause> causes = new ConcurrentHashMap<>();

  void add(Throwable failure) {
    StringBuilder key = new StringBuilder();
    for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
      String message = String.valueOf(t.getMessage()).lines().findFirst().orElse("");
      key.append(key.length() == 0 ? "" : " <- ").append(t.getClass().getSimpleName()).append(": ")
          .append(message, 0, Math.min(160, message.length()));
    }
    causes.computeIfAbsent(key.toString(), k -> {
      StringWriter trace = new StringWriter();
      failure.printStackTrace(new PrintWriter(trace));
      return new Cause(new AtomicLong(), trace.toString());
    }).count().incrementAndGet();
  }

  /** Prints each cause with its count and first stack trace, most frequent first; nothing if none failed. */
  void print(String label) {
    causes.entrySet().stream().sorted((a, b) -> Long.compare(b.getValue().count().get(), a.getValue().count().get()))
        .forEach(e -> System.out.printf("%s: %d lifecycles failed with %s%n%s", label, e.getValue().count().get(),
            e.getKey(), e.getValue().firstTrace()));
  }
}
