package npc.core.store;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/** The numbers of recently used ports, least recently used forgotten first. Thread-safe. */
final class PortLocations {
  private final Map<UUID, String> recent;

  PortLocations(int capacity) {
    this.recent = new LinkedHashMap<>(1024, 0.75f, true) {
      private static final long serialVersionUID = 1L;

      @Override
      protected boolean removeEldestEntry(Map.Entry<UUID, String> eldest) {
        return size() > capacity;
      }
    };
  }

  synchronized String get(UUID portId) {
    return recent.get(portId);
  }

  synchronized void put(UUID portId, String msisdn) {
    recent.put(portId, msisdn);
  }
}
