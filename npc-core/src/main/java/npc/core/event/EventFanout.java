package npc.core.event;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Passes each event to every sink added, in the order added: the audit, the gateway's pushers... Sinks may be
 * added after the service that publishes is built, which is how a sink that needs the service joins. A sink
 * that throws is logged and does not keep the event from the others.
 */
public final class EventFanout implements DomainEvents {
  private static final System.Logger LOG = System.getLogger(EventFanout.class.getName());
  private final List<DomainEvents> sinks = new CopyOnWriteArrayList<>();

  public EventFanout add(DomainEvents sink) {
    sinks.add(sink);
    return this;
  }

  @Override
  public void publish(DomainEvent event) {
    for (DomainEvents sink : sinks) {
      try {
        sink.publish(event);
      } catch (RuntimeException e) {
        LOG.log(System.Logger.Level.WARNING, "An event sink failed on " + event.getClass().getSimpleName(), e);
      }
    }
  }
}
