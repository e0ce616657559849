package npc.gateway.server.push;

import java.time.Clock;
import java.util.concurrent.Executor;
import java.util.function.LongSupplier;
import npc.core.notice.Outbox;
import npc.core.porting.PortingService;
import npc.core.routing.RouteSnapshots;
import npc.core.routing.RoutingCursors;
import npc.core.routing.RoutingLog;

/**
 * What every connection's pushers share.
 *
 * @param knownHead the last position of the log this instance knows of (its routing database's): a stream reads
 *     the log only when there is something past its position, never polls it idle
 * @param snapshotGate runs snapshots, which wait for a slow reader, on a small pool of their own, within quotas
 */
public record PushContext(PortingService service, Outbox outbox, RoutingLog log, LongSupplier knownHead,
    RouteSnapshots snapshots, RoutingCursors cursors, SnapshotGate snapshotGate, Settings settings, Clock clock) {

  /**
   * @param snapshotAbove a carrier subscribing from position 0 gets a snapshot first when the log holds more
   *     positions than this
   * @param tickMillis how often every connection looks for what other instances wrote
   */
  public record Settings(long snapshotAbove, long tickMillis) {
    public static final Settings DEFAULTS = new Settings(10_000, 250);
  }
}
