package npc.ops.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import npc.audit.record.AuditEntry;
import npc.gateway.client.CarrierClient;
import npc.gateway.client.GatewayException;
import npc.gateway.protocol.v1.ErrorCode;
import npc.ops.security.Role;
import org.junit.jupiter.api.Test;

/**
 * An operator suspends a carrier over HTTP: its open session on the gateway (mutual TLS, the development PKI's
 * certificate) closes within a registry refresh, a new handshake is refused with CARRIER_SUSPENDED and a clear
 * detail, another carrier is untouched; once resumed, the carrier connects again.
 */
class CarrierSuspensionIT {
  private static final Duration REFRESH = Duration.ofSeconds(20); // the registry is read every 5 s
  private final RunningService service = RunningService.get();
  private final String operator = service.developmentToken(Role.OPERATOR);

  @Test
  void aSuspendedCarrierIsDisconnectedAndRefusedUntilResumed() throws Exception {
    try (CarrierClient ct = connect("CT"); CarrierClient cbn = connect("CBN")) {
      ct.whenConnected().get(30, TimeUnit.SECONDS);
      cbn.whenConnected().get(30, TimeUnit.SECONDS);

      HttpResponse<String> suspended = service.send("POST", "/api/v1/carriers/CT/suspend", operator,
          "{\"reason\":\"unpaid clearing fees\"}");
      assertThat(suspended.statusCode()).as(suspended.body()).isEqualTo(200);
      assertThat(suspended.body()).contains("\"suspended\":true", "unpaid clearing fees");
      assertThat(service.send("POST", "/api/v1/carriers/CT/suspend", operator, "{}").statusCode())
          .as("suspended twice").isEqualTo(409);

      long deadline = System.nanoTime() + REFRESH.toNanos();
      while (ct.session().isPresent() && System.nanoTime() < deadline) {
        Thread.sleep(100);
      }
      assertThat(ct.session()).as("the suspended carrier's session closed").isEmpty();
      assertThat(cbn.session()).as("another carrier's session stays open").isPresent();

      try (CarrierClient again = connect("CT")) {
        Throwable refused = catchThrowable(() -> again.whenConnected().get(30, TimeUnit.SECONDS));
        assertThat(refused).isInstanceOf(ExecutionException.class);
        GatewayException gateway = (GatewayException) refused.getCause();
        assertThat(gateway.code()).isEqualTo(ErrorCode.CARRIER_SUSPENDED);
        assertThat(gateway.status()).isEqualTo(403);
        assertThat(gateway.detail()).contains("carrier CT is suspended", "unpaid clearing fees");
      }
    } finally {
      service.send("POST", "/api/v1/carriers/CT/resume", operator, null);
    }
    try (CarrierClient back = connect("CT")) {
      Thread.sleep(REFRESH.toMillis() / 2); // the resumption reaches the registry at its next refresh
      assertThat(back.whenConnected().get(60, TimeUnit.SECONDS).carrierId()).isEqualTo("CT");
    }
    String actor = "OPERATOR:" + operator.split("_")[1]; // a token is npc_<id>_<secret>
    assertThat(entries("CARRIER_SUSPENDED", "CT")).singleElement().satisfies(row -> {
      assertThat(row.record().actor().orElse(null)).isEqualTo(actor);
      assertThat(row.record().evidence())
          .containsEntry("carrier", "CT").containsEntry("reason", "unpaid clearing fees");
    });
    assertThat(entries("CARRIER_RESUMED", "CT")).singleElement()
        .satisfies(row -> assertThat(row.record().actor().orElse(null)).isEqualTo(actor));
  }

  /** The audit entries of {@code kind} about {@code carrier}: what the operator did, with who did it. */
  private List<AuditEntry> entries(String kind, String carrier) {
    return service.auditEntries().stream()
        .filter(r -> kind.equals(r.record().kind()) && carrier.equals(r.record().subject().orElse(null))).toList();
  }

  @Test
  void suspendingAnUnknownCarrierIs404AndResumingAnActiveOneIs409() {
    TokensApiIT.assertProblem(service.send("POST", "/api/v1/carriers/ZZ9/suspend", operator, "{}"), 404,
        "not-found");
    TokensApiIT.assertProblem(service.send("POST", "/api/v1/carriers/CU/resume", operator, null), 409, "conflict");
    TokensApiIT.assertField(service.send("POST", "/api/v1/carriers/cm!/suspend", operator, "{}"), "carrier");
  }

  private CarrierClient connect(String carrier) {
    return PortTraffic.connect(service, carrier, "suspension-it");
  }
}
