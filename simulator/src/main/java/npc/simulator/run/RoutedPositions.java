package npc.simulator.run;

import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The routing-log positions a simulated carrier received and has not routed yet. A routing acknowledgement covers
 * every position up to it, so what a carrier may acknowledge is the position just before its oldest change still
 * waiting (or the highest received, when none waits): a late change holds back the acknowledgement of those after
 * it, as a network that has not routed a number yet would. Thread-safe: changes arrive on the route listener's
 * lane and are routed on timer threads.
 */
final class RoutedPositions {

  private final ConcurrentSkipListSet<Long> waiting = new ConcurrentSkipListSet<>();
  private final AtomicLong highest = new AtomicLong();

  /** Change {@code position} arrived and waits to be routed. */
  void received(long position) {
    waiting.add(position);
    highest.accumulateAndGet(position, Math::max);
  }

  /**
   * Change {@code position} is routed.
   *
   * @return the position the carrier may acknowledge now, 0 for none
   */
  long routed(long position) {
    waiting.remove(position);
    long high = highest.get();
    Long oldest = waiting.isEmpty() ? null : waiting.first();
    return oldest == null ? high : Math.min(high, oldest - 1);
  }
}
