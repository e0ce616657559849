package npc.gateway.server.e2e;

import static npc.gateway.server.e2e.GatewayHarness.join;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.nio.file.Path;
import java.util.List;
import npc.core.storage.Quorum;
import npc.gateway.client.CarrierClient;
import npc.gateway.client.GatewayException;
import npc.gateway.protocol.v1.AuthorisationCodeRequest;
import npc.gateway.protocol.v1.ErrorCode;
import npc.gateway.protocol.v1.PortRequest;
import npc.gateway.protocol.v1.PortRequestAck;
import npc.gateway.protocol.v1.SubscriberIdentity;
import npc.gateway.protocol.v1.SubscriberType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * A quorum of replicas lost, on the one test node: the keyspace is altered to ask for three replicas, of which only
 * this node exists. Cassandra then refuses every plain read and write at LOCAL_QUORUM ({@code Unavailable}: 2
 * required, 1 alive) before running it. (Paxos counts the replicas that exist, so a conditional write's Paxos round
 * still passes, and only its commit at LOCAL_QUORUM is refused: the proposal stays accepted, and the next round on
 * the row completes it.) A request refused at its first statement is told {@code NOT_WRITTEN}; a port request whose
 * first statement is the conditional claim of its key is told {@code STORAGE_UNAVAILABLE}, outcome unknown, which
 * is the truth. The quorum check behind {@code /health} says the quorum is lost, the notice pushers (every tick,
 * 100 ms here) log the outage once instead of a stack trace per tick, and once the replication is set back the same
 * port request is served, with no restart, and the pushers log their recovery.
 */
class QuorumLossIT {
  private static final SubscriberIdentity ALICE = SubscriberIdentity.newBuilder().setName("Zhang Wei")
      .setIdNumber("110101199003071234").build();

  @TempDir
  static Path dir;

  @Test
  void requestsWithoutAQuorumAreToldNotWrittenAndServedOnceItReturns() {
    Logger gatewayLog = (Logger) LoggerFactory.getLogger("npc.gateway.server.push.NoticePusher");
    ListAppender<ILoggingEvent> lines = new ListAppender<>();
    lines.start();
    gatewayLog.addAppender(lines);
    try (GatewayHarness harness = new GatewayHarness("quorum_loss", dir)) {
      GatewayHarness.Instance instance = harness.startInstance();
      CarrierClient cm = harness.connect("CM", instance, new Inbox());
      CarrierClient cu = harness.connect("CU", instance, new Inbox());
      String number = "+8613900000001";
      String code = join(cm.requestAuthorisationCode(AuthorisationCodeRequest.newBuilder().setMsisdn(number)
          .setSubscriber(ALICE).build())).getCode();
      PortRequest request = PortRequest.newBuilder().setIdempotencyKey("quorum-1").setMsisdn(number)
          .setOrderId("order-quorum-1").setChannel("outlet:BJ-0001")
          .setSubscriberType(SubscriberType.SUBSCRIBER_TYPE_INDIVIDUAL).setSubscriber(ALICE)
          .setAuthorisationCode(code).build();
      assertThat(harness.database.quorum().reachable()).as("quorum before").isTrue();

      replicas(harness, 3);
      Inbox.until("the pusher's outage is logged", () -> !pusher(lines, Level.WARN).isEmpty());
      sleep(2_000); // 20 ticks more of failing pushes
      assertThat(pusher(lines, Level.WARN)).as("warnings of CM's pusher in 20 ticks of outage").hasSize(1);
      assertThat(pusher(lines, Level.WARN).get(0).getFormattedMessage()).contains("UnavailableException");
      Quorum lost = harness.database.quorum();
      assertThat(lost.reachable()).as("quorum with 1 of 3 replicas").isFalse();
      assertThat(lost.detail()).contains("3 replicas in datacenter1, 2 needed");
      GatewayException refusedCode = GatewayIT.refusal(() -> join(cm.requestAuthorisationCode(
          AuthorisationCodeRequest.newBuilder().setMsisdn("+8613900000002").setSubscriber(ALICE).build())));
      assertThat(refusedCode.code()).as("a code request, refused at its first read").isEqualTo(ErrorCode.NOT_WRITTEN);
      assertThat(refusedCode.status()).isEqualTo(503);
      assertThat(refusedCode.outcomeUnknown()).isFalse();
      GatewayException inDoubt = GatewayIT.refusal(() -> join(cu.requestPort(request)));
      assertThat(inDoubt.code()).as("a port request whose claim's commit was refused")
          .isEqualTo(ErrorCode.STORAGE_UNAVAILABLE);
      assertThat(inDoubt.outcomeUnknown()).isTrue();

      replicas(harness, 1);
      assertThat(harness.database.quorum().reachable()).as("quorum back").isTrue();
      PortRequestAck ack = join(cu.requestPort(request));
      assertThat(ack.hasOpened()).as("the same request, resent: %s", ack).isTrue();
      Inbox.until("the pusher's recovery is logged", () -> !pusher(lines, Level.INFO).isEmpty());
      assertThat(pusher(lines, Level.WARN)).as("warnings of CM's pusher in all").hasSize(1);
    } finally {
      gatewayLog.detachAppender(lines);
    }
  }

  private static List<ILoggingEvent> pusher(ListAppender<ILoggingEvent> lines, Level level) {
    synchronized (lines) {
      return List.copyOf(lines.list).stream().filter(line -> line.getLevel() == level
          && line.getFormattedMessage().startsWith("Pushing notices to CM ")).toList();
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  private static void replicas(GatewayHarness harness, int factor) {
    harness.database.session().execute("ALTER KEYSPACE " + harness.database.keyspace()
        + " WITH replication = {'class': 'SimpleStrategy', 'replication_factor': " + factor + "}");
  }
}
