package npc.core.event;

/**
 * Where the service publishes events. Implementations must not throw for a subscriber's failure and must not block
 * for long: the service calls them on its own thread after each successful write.
 */
@FunctionalInterface
public interface DomainEvents {
  void publish(DomainEvent event);

  /** Discards everything; for tools that need none. */
  static DomainEvents none() {
    return event -> { };
  }
}
