package npc.gateway.client;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** What tests against the {@link FakeGateway} share: one PKI per run, a gateway and a client per test. */
abstract class FakeGatewayTest {
  static final TestPki PKI = TestPki.create("npc test CA");
  static final long WAIT = FakeGateway.WAIT_SECONDS;

  FakeGateway gateway;
  CarrierClient client;

  @BeforeEach
  void startGateway() {
    gateway = new FakeGateway(PKI.gatewayContext());
  }

  @AfterEach
  void stopBoth() {
    if (client != null) {
      client.close();
    }
    gateway.close();
  }

  /** A client of carrier CM for the fake gateway, with quick reconnects. */
  CarrierClientBuilder carrier() {
    return CarrierClient.builder().gateway("localhost", gateway.port()).tls(PKI.clientTls("CM"))
        .reconnectBackoff(Duration.ofMillis(5), Duration.ofMillis(50));
  }

  /** Starts the client and waits for its session. */
  Session connect(CarrierClientBuilder builder) throws Exception {
    client = builder.connect();
    return client.whenConnected().get(WAIT, TimeUnit.SECONDS);
  }
}
