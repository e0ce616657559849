package npc.core.carrier;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The carriers known to the clearinghouse, each with a small stable index (its position in the list) that the
 * in-memory routing table stores instead of the id.
 */
public final class CarrierRegistry {
  /** The routing table stores an index in one byte, and keeps 255 free. */
  public static final int MAX_CARRIERS = 255;

  private final Map<CarrierId, Carrier> byId;
  private final Map<CarrierId, Integer> indexes;
  private final List<Carrier> byIndex;

  public CarrierRegistry(Collection<Carrier> carriers) {
    Map<CarrierId, Carrier> map = new LinkedHashMap<>();
    for (Carrier carrier : carriers) {
      if (map.putIfAbsent(carrier.id(), carrier) != null) {
        throw new IllegalArgumentException("carrier " + carrier.id() + " is listed twice");
      }
    }
    if (map.size() > MAX_CARRIERS) {
      throw new IllegalArgumentException("at most " + MAX_CARRIERS + " carriers, not " + map.size());
    }
    this.byId = Map.copyOf(map);
    this.byIndex = List.copyOf(new ArrayList<>(map.values()));
    Map<CarrierId, Integer> positions = new LinkedHashMap<>();
    for (int i = 0; i < byIndex.size(); i++) {
      positions.put(byIndex.get(i).id(), i);
    }
    this.indexes = Map.copyOf(positions);
  }

  public Optional<Carrier> find(CarrierId id) {
    return Optional.ofNullable(byId.get(id));
  }

  /** Every carrier, in index order. */
  public List<Carrier> all() {
    return byIndex;
  }

  /** Whether {@code id} is a carrier that takes part in porting. */
  public boolean isParticipant(CarrierId id) {
    Carrier carrier = byId.get(id);
    return carrier != null && carrier.participant();
  }

  /** The carriers that take part in porting: every one of them must acknowledge a routing change. */
  public List<CarrierId> participants() {
    return byIndex.stream().filter(Carrier::participant).map(Carrier::id).toList();
  }

  /** The index the routing table stores for {@code id}. */
  public int indexOf(CarrierId id) {
    Integer index = indexes.get(id);
    if (index == null) {
      throw new IllegalArgumentException("unknown carrier " + id);
    }
    return index;
  }

  public Carrier atIndex(int index) {
    return byIndex.get(index);
  }
}
