package npc.gateway.client;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Which notifications the carrier's listener has had. The gateway delivers each at least once (and again after a
 * reconnect until acknowledged), so the client remembers the last {@code capacity} notification ids, and the last
 * {@code capacity} (port, state) pairs of port status notices: a second notice of the same step of the same port
 * is a duplicate even under another id. Older memories are forgotten first. Thread-safe.
 */
final class DeliveryLedger {
  /** What to do with a notification that just arrived. */
  enum Verdict {
    /** Hand it to the listener, then acknowledge it. */
    DELIVER,
    /** A duplicate of one delivered: acknowledge it again, do not deliver it. */
    ACKNOWLEDGE_ONLY,
    /** The same id is with the listener now: its acknowledgement will follow, nothing to do. */
    IGNORE
  }

  private final Map<String, Boolean> deliveredById;
  private final Map<String, Boolean> portSteps;

  DeliveryLedger(int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("the ledger must remember at least one notification: " + capacity);
    }
    this.deliveredById = bounded(capacity);
    this.portSteps = bounded(capacity);
  }

  /**
   * Decides about a notification, and if it is new records it as being delivered.
   *
   * @param portStep for a port status notice, its port id and state; empty for other notifications
   */
  synchronized Verdict arrived(String id, Optional<String> portStep) {
    Boolean delivered = deliveredById.get(id);
    if (delivered != null) {
      return delivered ? Verdict.ACKNOWLEDGE_ONLY : Verdict.IGNORE;
    }
    if (portStep.isPresent() && portSteps.containsKey(portStep.get())) {
      deliveredById.put(id, true);
      return Verdict.ACKNOWLEDGE_ONLY;
    }
    deliveredById.put(id, false);
    portStep.ifPresent(step -> portSteps.put(step, true));
    return Verdict.DELIVER;
  }

  /** The listener returned normally. */
  synchronized void delivered(String id) {
    deliveredById.put(id, true);
  }

  /** The listener threw: forget the notification, so that the gateway's next delivery reaches the listener. */
  synchronized void failed(String id, Optional<String> portStep) {
    deliveredById.remove(id);
    portStep.ifPresent(portSteps::remove);
  }

  private static Map<String, Boolean> bounded(int capacity) {
    return new LinkedHashMap<>(Math.min(capacity, 1 << 16), 0.75f, false) {
      private static final long serialVersionUID = 1L;

      @Override
      protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
        return size() > capacity;
      }
    };
  }
}
