package npc.gateway.server.admission;

import io.netty.channel.Channel;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import npc.core.carrier.CarrierId;

/**
 * Sessions open on this instance, per carrier and in all, bounded: a carrier may hold {@code perCarrier} sessions
 * and the instance {@code total}. A slot is taken at Hello and given back when the channel closes.
 */
public final class SessionSlots {
  /** Why a slot was not given. */
  public enum Verdict { OPENED, CARRIER_FULL, INSTANCE_FULL }

  private final int perCarrier;
  private final int total;
  private final AtomicInteger open = new AtomicInteger();
  private final Map<CarrierId, AtomicInteger> byCarrier = new ConcurrentHashMap<>();

  public SessionSlots(int perCarrier, int total) {
    this.perCarrier = perCarrier;
    this.total = total;
  }

  /** No bound: for tests that build a handshake gate alone. */
  public static SessionSlots unbounded() {
    return new SessionSlots(Integer.MAX_VALUE, Integer.MAX_VALUE);
  }

  /** Takes a slot for {@code carrier} on {@code channel}, given back when the channel closes. */
  public Verdict open(CarrierId carrier, Channel channel) {
    AtomicInteger mine = byCarrier.computeIfAbsent(carrier, c -> new AtomicInteger());
    if (mine.incrementAndGet() > perCarrier) {
      mine.decrementAndGet();
      return Verdict.CARRIER_FULL;
    }
    if (open.incrementAndGet() > total) {
      open.decrementAndGet();
      mine.decrementAndGet();
      return Verdict.INSTANCE_FULL;
    }
    channel.closeFuture().addListener(closed -> {
      open.decrementAndGet();
      mine.decrementAndGet();
    });
    return Verdict.OPENED;
  }

  /** Sessions of {@code carrier} open now. */
  public int of(CarrierId carrier) {
    AtomicInteger mine = byCarrier.get(carrier);
    return mine == null ? 0 : mine.get();
  }
}
