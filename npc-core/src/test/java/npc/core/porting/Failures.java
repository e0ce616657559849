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
  private final Map<String, AtomicLong> counts = new ConcurrentHashMap<>();
  private final Map<String, String> firstTrace = new ConcurrentHashMap<>();

  void add(Throwable failure) {
    StringBuilder cause = new StringBuilder();
    for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
      String message = String.valueOf(t.getMessage()).lines().findFirst().orElse("");
      cause.append(cause.length() == 0 ? "" : " <- ").append(t.getClass().getSimpleName()).append(": ")
          .append(message, 0, Math.min(160, message.length()));
    }
    String key = cause.toString();
    counts.computeIfAbsent(key, k -> new AtomicLong()).incrementAndGet();
    firstTrace.computeIfAbsent(key, k -> {
      StringWriter trace = new StringWriter();
      failure.printStackTrace(new PrintWriter(trace));
      return trace.toString();
    });
  }

  /** Prints each cause with its count and first stack trace, most frequent first; nothing if none failed. */
  void print(String label) {
    counts.entrySet().stream().sorted((a, b) -> Long.compare(b.getValue().get(), a.getValue().get()))
        .forEach(e -> System.out.printf("%s: %d lifecycles failed with %s%n%s", label, e.getValue().get(), e.getKey(),
            firstTrace.get(e.getKey())));
  }
}
