package npc.gateway.server.e2e;

import io.netty.util.concurrent.EventExecutor;
import io.netty.util.internal.ThreadExecutorMap;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Finds blocking work on an event loop: wraps a store the gateway reads (the outbox, the routing log, ...) so that
 * every call made on a Netty event loop is recorded. A call there freezes every connection of that loop while the
 * database is slow; a test asserts that none was recorded.
 */
final class EventLoopGuard {
  private final List<String> violations = new CopyOnWriteArrayList<>();

  /** The store, its calls on an event loop recorded; they still run, so the test sees the rest of the behaviour. */
  <T> T guard(Class<T> type, T store) {
    return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (proxy, method, args) -> {
      EventExecutor loop = ThreadExecutorMap.currentExecutor();
      if (loop != null && loop.inEventLoop() && method.getDeclaringClass() != Object.class) {
        violations.add(type.getSimpleName() + "." + method.getName() + " on " + Thread.currentThread().getName());
      }
      try {
        return method.invoke(store, args);
      } catch (InvocationTargetException e) {
        throw e.getCause();
      }
    }));
  }

  /** Calls made on an event loop so far, each as {@code Store.method on thread}. */
  List<String> violations() {
    return List.copyOf(violations);
  }
}
