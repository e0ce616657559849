package npc.core.testing;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import npc.core.event.DomainEvent;
import npc.core.event.DomainEvents;

/** Keeps every published event, for tests to inspect. */
public final class RecordingEvents implements DomainEvents {
  private final List<DomainEvent> events = new CopyOnWriteArrayList<>();

  @Override
  public void publish(DomainEvent event) {
    events.add(event);
  }

  public List<DomainEvent> all() {
    return List.copyOf(events);
  }

  public <T extends DomainEvent> List<T> of(Class<T> type) {
    return events.stream().filter(type::isInstance).map(type::cast).toList();
  }

  public void clear() {
    events.clear();
  }
}
