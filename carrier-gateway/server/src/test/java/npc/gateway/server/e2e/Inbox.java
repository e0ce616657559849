package npc.gateway.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import npc.gateway.client.CarrierListener;
import npc.gateway.protocol.v1.EligibilityQueryNotice;
import npc.gateway.protocol.v1.EligibilityResultNotice;
import npc.gateway.protocol.v1.PortNotice;
import npc.gateway.protocol.v1.PortState;
import npc.gateway.protocol.v1.PortStatusNotice;
import npc.gateway.protocol.v1.TimerNotice;

/** What one carrier's SDK handed to its listener, for a test to wait on. */
final class Inbox implements CarrierListener {
  final List<PortNotice> ports = new CopyOnWriteArrayList<>();
  final List<PortStatusNotice> statuses = new CopyOnWriteArrayList<>();
  final List<TimerNotice> timers = new CopyOnWriteArrayList<>();
  final List<EligibilityQueryNotice> queries = new CopyOnWriteArrayList<>();
  final List<EligibilityResultNotice> results = new CopyOnWriteArrayList<>();

  @Override
  public void onPortNotice(PortNotice notice) {
    ports.add(notice);
  }

  @Override
  public void onPortStatus(PortStatusNotice notice) {
    statuses.add(notice);
  }

  @Override
  public void onTimer(TimerNotice notice) {
    timers.add(notice);
  }

  @Override
  public void onEligibilityQuery(EligibilityQueryNotice notice) {
    queries.add(notice);
  }

  @Override
  public void onEligibilityResult(EligibilityResultNotice notice) {
    results.add(notice);
  }

  PortNotice portNotice(String portId) {
    return await(ports, n -> n.getPortId().equals(portId));
  }

  PortStatusNotice status(String portId, PortState state) {
    return await(statuses, n -> n.getPort().getPortId().equals(portId) && n.getPort().getState() == state);
  }

  /** The first element that matches, once it arrived; fails after 20 s. */
  static <T> T await(List<T> list, Predicate<T> match) {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (System.nanoTime() < deadline) {
      for (T item : list) {
        if (match.test(item)) {
          return item;
        }
      }
      pause();
    }
    assertThat(list).as("nothing matching arrived within 20 s").anyMatch(match);
    throw new AssertionError("unreachable");
  }

  /** Waits until the condition holds; fails after 20 s. */
  static void until(String what, java.util.function.BooleanSupplier condition) {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("not within 20 s: " + what);
      }
      pause();
    }
  }

  private static void pause() {
    try {
      Thread.sleep(20);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
  }
}
