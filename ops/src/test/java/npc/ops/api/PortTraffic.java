package npc.ops.api;

import java.net.InetSocketAddress;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import npc.gateway.client.CarrierClient;
import npc.gateway.client.ClientTls;
import npc.gateway.protocol.v1.AuthorisationCodeRequest;
import npc.gateway.protocol.v1.DonorAnswer;
import npc.gateway.protocol.v1.PortRequest;
import npc.gateway.protocol.v1.PortRequestAck;
import npc.gateway.protocol.v1.Reason;
import npc.gateway.protocol.v1.SubscriberIdentity;
import npc.gateway.protocol.v1.SubscriberType;

/**
 * Ports driven through the running service's real gateway by two carriers over mutual TLS with the SDK: CU asks for
 * numbers of CM, which accepts some and rejects others with a reason and its evidence, and one request with a wrong
 * code is rejected by the clearinghouse's checks. The carriers stay connected until closed.
 */
final class PortTraffic implements AutoCloseable {
  private static final SubscriberIdentity ALICE = SubscriberIdentity.newBuilder().setName("Zhang Wei")
      .setIdNumber("110101199003071234").build();
  /** Numbers of CM (+86139...) that no other test of this JVM uses. */
  private static final AtomicLong NUMBERS = new AtomicLong(77_000_000L + ProcessHandle.current().pid() % 1000 * 1000);

  final CarrierClient cu;
  final CarrierClient cm;

  PortTraffic(RunningService service) throws Exception {
    cu = connect(service, "CU", "traffic-it");
    cm = connect(service, "CM", "traffic-it");
    cu.whenConnected().get(30, TimeUnit.SECONDS);
    cm.whenConnected().get(30, TimeUnit.SECONDS);
  }

  /** {@code accepted} ports CM accepts, {@code rejected} it rejects for UNPAID_CHARGES, and one wrong code. */
  void drive(int accepted, int rejected) {
    for (int i = 0; i < accepted + rejected; i++) {
      String number = nextNumber();
      PortRequestAck ack = requestPort(number, code(number));
      DonorAnswer.Builder answer = DonorAnswer.newBuilder().setPortId(ack.getPortId());
      if (i < accepted) {
        answer.setAccept(DonorAnswer.Accept.getDefaultInstance());
      } else {
        answer.setReject(Reason.newBuilder().setCode("UNPAID_CHARGES")
            .putAllEvidence(Map.of("amount_fen", "12800", "billing_period", "2026-10")));
      }
      join(cm.answerPort(answer.build()));
    }
    PortRequestAck refused = requestPort(nextNumber(), "000000");
    if (!refused.hasRejected()) {
      throw new AssertionError("a port without a code was not rejected by the clearinghouse: " + refused);
    }
  }

  private String code(String number) {
    return join(cm.requestAuthorisationCode(AuthorisationCodeRequest.newBuilder().setMsisdn(number)
        .setSubscriber(ALICE).build())).getCode();
  }

  private PortRequestAck requestPort(String number, String code) {
    String key = "traffic-" + number.substring(1);
    return join(cu.requestPort(PortRequest.newBuilder().setIdempotencyKey(key).setMsisdn(number)
        .setOrderId("order-" + key).setChannel("outlet:BJ-0001")
        .setSubscriberType(SubscriberType.SUBSCRIBER_TYPE_INDIVIDUAL).setSubscriber(ALICE)
        .setAuthorisationCode(code).build()));
  }

  private static String nextNumber() {
    return "+86139" + NUMBERS.incrementAndGet();
  }

  private static <T> T join(CompletableFuture<T> future) {
    try {
      return future.get(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new AssertionError("a request through the gateway failed: " + e, e);
    }
  }

  /** {@code carrier} connected to the service's gateway with its development certificate, as {@code client}. */
  static CarrierClient connect(RunningService service, String carrier, String client) {
    InetSocketAddress gateway = service.gatewayAddress();
    return CarrierClient.builder().gateway(gateway.getHostString(), gateway.getPort())
        .tls(ClientTls.fromPem(service.pkiDir.resolve("carriers/" + carrier + ".pem"),
            service.pkiDir.resolve("carriers/" + carrier + "-key.pem"), service.pkiDir.resolve("ca.pem")))
        .clientName(client, "1")
        .connect();
  }

  @Override
  public void close() {
    cu.close();
    cm.close();
  }
}
