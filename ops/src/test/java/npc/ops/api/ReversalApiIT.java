package npc.ops.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import npc.audit.record.AuditEntry;
import npc.core.carrier.CarrierId;
import npc.core.identity.SubscriberIdentity;
import npc.core.port.PortState;
import npc.core.porting.DonorAnswer;
import npc.core.porting.Port;
import npc.core.porting.PortOutcome;
import npc.core.porting.PortingService;
import npc.core.porting.SubmitPort;
import npc.core.porting.SubscriberType;
import npc.gateway.client.CarrierClient;
import npc.gateway.client.CarrierListener;
import npc.gateway.client.ClientTls;
import npc.gateway.protocol.v1.PortStatusNotice;
import npc.ops.security.Role;
import org.junit.jupiter.api.Test;

/**
 * A regulator reverses a completed port over HTTP, on a service of the demo regime (short timers) and its real
 * gateway: both carriers, connected with the SDK, are pushed the port's REVERSED state; the record's
 * {@code PORT_REVERSED} entry names the regulator as actor and the approval. The same approval again is answered as
 * it stands, another approval is 409, a port that is not completed 409 with the reason, an unknown port 404.
 */
class ReversalApiIT {
  private static final SubscriberIdentity SUBSCRIBER = new SubscriberIdentity("Wang Fang", "110101198805061234");
  private static final Duration WAIT = Duration.ofSeconds(60);
  private final RunningService service = RunningService.demo();
  private final String regulator = service.developmentToken(Role.REGULATOR);

  @Test
  void aCompletedPortIsReversedTheCarriersAreToldAndTheRecordNamesTheApprover() throws Exception {
    Set<String> reversedSeen = ConcurrentHashMap.newKeySet();
    try (CarrierClient cm = connect("CM", reversedSeen); CarrierClient cu = connect("CU", reversedSeen)) {
      cm.whenConnected().get(30, TimeUnit.SECONDS);
      cu.whenConnected().get(30, TimeUnit.SECONDS);
      UUID port = completedPort("13900000201");

      HttpResponse<String> reversed = service.send("POST", "/api/v1/ports/" + port + "/reversal", regulator,
          "{\"reference\":\"MIIT-2026-0042\"}");
      assertThat(reversed.statusCode()).as(reversed.body()).isEqualTo(200);
      assertThat(reversed.body()).contains("\"state\":\"REVERSED\"", "\"donor\":\"CM\"",
          "\"reference\":\"MIIT-2026-0042\"", "\"repeated\":false");

      await(() -> reversedSeen.containsAll(List.of("CM:" + port, "CU:" + port)),
          "both carriers are pushed the reversed state over the gateway");
      AuditEntry entry = entries(port).stream().filter(r -> "PORT_REVERSED".equals(r.record().kind())).findFirst()
          .orElseThrow(() -> new AssertionError("no PORT_REVERSED entry for " + port));
      assertThat(entry.record().actor().orElse(null)).as("the approver").matches("REGULATOR:[0-9a-f]+");
      assertThat(entry.record().evidence()).containsEntry("reference", "MIIT-2026-0042");

      HttpResponse<String> again = service.send("POST", "/api/v1/ports/" + port + "/reversal", regulator,
          "{\"reference\":\"MIIT-2026-0042\"}");
      assertThat(again.statusCode()).as(again.body()).isEqualTo(200);
      assertThat(again.body()).contains("\"repeated\":true");
      HttpResponse<String> other = service.send("POST", "/api/v1/ports/" + port + "/reversal", regulator,
          "{\"reference\":\"MIIT-2026-0099\"}");
      assertThat(other.statusCode()).as(other.body()).isEqualTo(409);
      assertThat(other.body()).contains("MIIT-2026-0042");
      assertThat(entries(port).stream().filter(r -> "PORT_REVERSED".equals(r.record().kind())))
          .as("one reversal, one entry").hasSize(1);
    }
  }

  @Test
  void aPortNotCompletedIs409WithTheReasonAnUnknownPort404AndABadReference400() {
    UUID open = openPort("13900000202");
    HttpResponse<String> pending = service.send("POST", "/api/v1/ports/" + open + "/reversal", regulator,
        "{\"reference\":\"MIIT-2026-0043\"}");
    assertThat(pending.statusCode()).as(pending.body()).isEqualTo(409);
    assertThat(pending.body()).contains("cannot be reversed", "PENDING_DONOR");
    assertThat(service.context.getBean(PortingService.class).port(open).orElseThrow().state())
        .as("left as it was").isEqualTo(PortState.PENDING_DONOR);
    HttpResponse<String> unknown = service.send("POST", "/api/v1/ports/" + UUID.randomUUID() + "/reversal",
        regulator, "{\"reference\":\"MIIT-2026-0044\"}");
    assertThat(unknown.statusCode()).as(unknown.body()).isEqualTo(404);
    HttpResponse<String> bad = service.send("POST", "/api/v1/ports/" + open + "/reversal", regulator,
        "{\"reference\":\"no spaces allowed\"}");
    assertThat(bad.statusCode()).as(bad.body()).isEqualTo(400);
    assertThat(bad.body()).contains("reference");
  }

  /** CU's port of CM's number, accepted, activated at the demo regime's next 10 s boundary, and acknowledged. */
  private UUID completedPort(String number) throws InterruptedException {
    PortingService porting = service.context.getBean(PortingService.class);
    UUID id = openPort(number);
    porting.answer(new DonorAnswer.Accept(new CarrierId("CM"), id, List.of())).value();
    await(() -> Set.of(PortState.ACTIVATED, PortState.COMPLETED, PortState.COMPLETED_WITH_LAGGARDS)
        .contains(porting.port(id).orElseThrow().state()), "the port activates");
    Port activated = porting.port(id).orElseThrow();
    for (CarrierId carrier : activated.ackExpected()) {
      porting.acknowledgeRoute(carrier, id);
    }
    porting.confirmDeactivation(activated.donor(), id);
    await(() -> Set.of(PortState.COMPLETED, PortState.COMPLETED_WITH_LAGGARDS)
        .contains(porting.port(id).orElseThrow().state()), "the port completes");
    return id;
  }

  private UUID openPort(String number) {
    PortingService porting = service.context.getBean(PortingService.class);
    String code = porting.issueCode(new CarrierId("CM"), number, SUBSCRIBER).value().code();
    PortOutcome outcome = porting.submit(new SubmitPort(new CarrierId("CU"), "reversal-" + number, number,
        "o-" + number, "outlet:BJ-2", SubscriberType.INDIVIDUAL, SUBSCRIBER, code)).value();
    return ((PortOutcome.Opened) outcome).port().id();
  }

  private CarrierClient connect(String carrier, Set<String> reversedSeen) {
    InetSocketAddress gateway = service.gatewayAddress();
    return CarrierClient.builder().gateway(gateway.getHostString(), gateway.getPort())
        .tls(ClientTls.fromPem(service.pkiDir.resolve("carriers/" + carrier + ".pem"),
            service.pkiDir.resolve("carriers/" + carrier + "-key.pem"), service.pkiDir.resolve("ca.pem")))
        .clientName("reversal-it", "1")
        .listener(new CarrierListener() {
          @Override
          public void onPortStatus(PortStatusNotice notice) {
            if (notice.getPort().getState() == npc.gateway.protocol.v1.PortState.PORT_STATE_REVERSED) {
              reversedSeen.add(carrier + ":" + notice.getPort().getPortId());
            }
          }
        })
        .connect();
  }

  private List<AuditEntry> entries(UUID port) {
    return service.auditEntries().stream().filter(r -> port.toString().equals(r.record().subject().orElse(null))).toList();
  }

  private static void await(Supplier<Boolean> condition, String what) throws InterruptedException {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (!condition.get()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("not within " + WAIT + ": " + what);
      }
      Thread.sleep(200);
    }
  }
}
