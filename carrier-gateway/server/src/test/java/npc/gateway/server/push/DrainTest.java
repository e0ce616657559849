package npc.gateway.server.push;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import npc.core.storage.OutageLog;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** Drains sharing one pusher thread. */
class DrainTest {
  private static final OutageLog OUTAGE = new OutageLog(LoggerFactory.getLogger(DrainTest.class), "A test drain");

  @Test
  void aDrainWithManyPagesYieldsTheThreadToAnotherBetweenPages() throws Exception {
    ExecutorService thread = Executors.newSingleThreadExecutor();
    List<String> turns = new ArrayList<>();
    try {
      Drain other = new Drain(thread, OUTAGE) {
        @Override
        boolean drainOnce() {
          turns.add("other");
          return false;
        }
      };
      Drain busy = new Drain(thread, OUTAGE) {
        private int pages;

        @Override
        boolean drainOnce() {
          turns.add("busy");
          if (pages == 0) {
            other.wake(); // woken while the busy drain holds the thread
          }
          return ++pages < 5;
        }
      };
      busy.wake();
      long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
      while (thread.submit(turns::size).get() < 6 && System.nanoTime() < until) {
        Thread.sleep(5);
      }
      assertThat(thread.submit(() -> List.copyOf(turns)).get())
          .containsExactly("busy", "other", "busy", "busy", "busy", "busy");
    } finally {
      thread.shutdownNow();
    }
  }
}
