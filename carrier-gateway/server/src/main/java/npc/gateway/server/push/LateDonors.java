package npc.gateway.server.push;

import java.time.Duration;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import npc.core.storage.OutageLog;

/**
 * The ports a donor was told of late through the clearinghouse's delay, until the core has moved each one's deadline
 * on. Telling the core is a conditional write: when it fails (a timeout while the database is loaded, the very time
 * notices are late) the port stays here and is told again at the pusher's next turn, so a donor never loses its
 * extension to a failed write. The core moves a deadline once per port, so telling it again after a write whose
 * outcome was unknown changes nothing. At most {@link #MAX_WAITING} ports wait; beyond that the latest is dropped and
 * logged, and the audit still holds when the donor was told.
 */
final class LateDonors {
  static final int MAX_WAITING = 10_000;

  /** The core's side: moves the donor's deadline of {@code port} on by {@code delay}, or throws. */
  interface Core {
    void toldLate(UUID port, Duration delay);
  }

  private final Core core;
  private final OutageLog outage;
  private final Map<UUID, Duration> waiting = new LinkedHashMap<>();

  LateDonors(Core core, OutageLog outage) {
    this.core = core;
    this.outage = outage;
  }

  /** The donor was told of {@code port} {@code delay} late: the core is told at the next {@link #tell}. */
  synchronized boolean add(UUID port, Duration delay) {
    if (waiting.size() >= MAX_WAITING) {
      return false;
    }
    waiting.putIfAbsent(port, delay);
    return true;
  }

  /** Tells the core of the waiting ports, oldest first, up to the first failure; the rest wait for the next call. */
  void tell() {
    while (true) {
      Map.Entry<UUID, Duration> next;
      synchronized (this) {
        Iterator<Map.Entry<UUID, Duration>> first = waiting.entrySet().iterator();
        if (!first.hasNext()) {
          return;
        }
        next = first.next();
      }
      try {
        core.toldLate(next.getKey(), next.getValue());
      } catch (RuntimeException e) {
        outage.failed(e);
        return;
      }
      outage.succeeded();
      synchronized (this) {
        waiting.remove(next.getKey());
      }
    }
  }

  synchronized int waiting() {
    return waiting.size();
  }
}
