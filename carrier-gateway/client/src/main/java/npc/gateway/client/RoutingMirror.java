package npc.gateway.client;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import npc.gateway.protocol.v1.RouteUpdate;

/**
 * The carrier's local copy of the clearinghouse's routing database, kept current by the client's routing stream:
 * which carrier serves each ported number. A number without an entry is not ported: its range holder serves it.
 *
 * <p>Reads never block and are safe from any number of threads while the client writes. A snapshot is built
 * aside and swapped in whole, so a reader sees the old contents or the new, never half of each. The mirror lives
 * in memory: after a restart of the carrier's process it starts empty at position 0 and is filled by a snapshot.
 * Numbers are looked up exactly as the gateway sends them (E.164 with a leading '+').
 */
public final class RoutingMirror {
  private volatile Map<String, MirrorEntry> routes = new ConcurrentHashMap<>();
  private volatile long position;
  private volatile int portedNumbers;
  private final List<Registration> listeners = new CopyOnWriteArrayList<>();

  /** Where calls to {@code msisdn} go, when it is ported. */
  public Optional<Route> carrierOf(String msisdn) {
    MirrorEntry entry = routes.get(msisdn);
    return entry == null ? Optional.empty() : entry.route();
  }

  /** The position of the routing log the mirror has applied every change up to: a reconnect resumes after it. */
  public long position() {
    return position;
  }

  /** How many numbers the mirror holds as ported. */
  public int portedNumbers() {
    return portedNumbers;
  }

  /** Calls {@code listener} for every later change, in position order, one call at a time on {@code executor}. */
  public void addListener(RouteListener listener, Executor executor) {
    listeners.add(new Registration(Objects.requireNonNull(listener, "listener"),
        new SerialExecutor(Objects.requireNonNull(executor, "executor"))));
  }

  public void removeListener(RouteListener listener) {
    listeners.removeIf(registration -> registration.listener == listener);
  }

  /** Swaps in a complete snapshot, which this mirror owns from now on, as of {@code snapshotPosition}. */
  synchronized void replace(ConcurrentHashMap<String, MirrorEntry> snapshot, long snapshotPosition) {
    int ported = (int) snapshot.values().stream().filter(MirrorEntry::ported).count();
    routes = snapshot;
    position = snapshotPosition;
    portedNumbers = ported;
    tell(listener -> listener.onSnapshotLoaded(snapshotPosition, ported));
  }

  /**
   * Applies the change at the next position. A change whose version is not newer than the one held for its number
   * is a duplicate: it is dropped, but its position counts as applied.
   *
   * @return whether the number's route changed
   */
  synchronized boolean apply(RouteUpdate update) {
    position = update.getPosition();
    MirrorEntry held = routes.get(update.getMsisdn());
    if (held != null && held.version() >= update.getVersion()) {
      return false;
    }
    MirrorEntry entry = new MirrorEntry(update.getCarrier(), update.getRoutingNumber(), update.getVersion());
    routes.put(update.getMsisdn(), entry);
    portedNumbers += (entry.ported() ? 1 : 0) - (held != null && held.ported() ? 1 : 0);
    String msisdn = update.getMsisdn();
    long at = update.getPosition();
    tell(listener -> listener.onRouteChanged(msisdn, entry.route(), at));
    return true;
  }

  private void tell(Consumer<RouteListener> call) {
    for (Registration registration : listeners) {
      registration.executor.execute(() -> call.accept(registration.listener));
    }
  }

  private record Registration(RouteListener listener, Executor executor) {}
}
