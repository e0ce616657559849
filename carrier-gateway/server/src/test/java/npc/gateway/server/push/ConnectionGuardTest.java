package npc.gateway.server.push;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.timeout.IdleStateEvent;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import npc.core.carrier.CarrierId;
import npc.core.event.DomainEvents;
import npc.gateway.server.session.Session;
import org.junit.jupiter.api.Test;

/** A disconnection for conduct is in the audit record before the connection closes, and only then does it close. */
class ConnectionGuardTest {
  private final List<String> recorded = new ArrayList<>();
  private final CompletableFuture<Void> durable = new CompletableFuture<>();
  private final ConnectionGuard.Disconnections record = (carrier, conduct, detail) -> {
    recorded.add(carrier.value() + " " + conduct);
    return durable;
  };

  @Test
  void anIdleCarrierIsRecordedAndItsConnectionClosesOnlyOnceTheRecordIsDurable() {
    EmbeddedChannel channel = new EmbeddedChannel(
        new ConnectionGuard(1_000, 1 << 20, DomainEvents.none(), Clock.systemUTC(), record));
    channel.attr(Session.KEY).set(new Session(new CarrierId("CM"), 1));

    channel.pipeline().fireUserEventTriggered(IdleStateEvent.READER_IDLE_STATE_EVENT);
    channel.runPendingTasks();
    assertThat(recorded).containsExactly("CM IDLE");
    assertThat(channel.isOpen()).as("open while the record is not durable").isTrue();

    durable.complete(null);
    channel.runPendingTasks();
    assertThat(channel.isOpen()).isFalse();
  }

  @Test
  void aConnectionWithoutASessionClosesAtOnceAndRecordsNothing() {
    EmbeddedChannel channel = new EmbeddedChannel(
        new ConnectionGuard(1_000, 1 << 20, DomainEvents.none(), Clock.systemUTC(), record));

    channel.pipeline().fireUserEventTriggered(IdleStateEvent.READER_IDLE_STATE_EVENT);
    channel.runPendingTasks();
    assertThat(recorded).isEmpty();
    assertThat(channel.isOpen()).isFalse();
  }
}
