package npc.ops.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.datastax.oss.driver.api.core.cql.Row;
import io.micronaut.context.ApplicationContext;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import npc.audit.findings.FindingsRunner;
import npc.core.storage.Database;
import npc.gateway.client.CarrierClient;
import npc.gateway.client.CarrierListener;
import npc.gateway.client.ClientTls;
import npc.gateway.protocol.v1.AuthorisationCodeRequest;
import npc.gateway.protocol.v1.DonorAnswer;
import npc.gateway.protocol.v1.EligibilityAnswer;
import npc.gateway.protocol.v1.EligibilityQueryAccepted;
import npc.gateway.protocol.v1.EligibilityQueryNotice;
import npc.gateway.protocol.v1.PortNotice;
import npc.gateway.protocol.v1.PortRequest;
import npc.gateway.protocol.v1.PortState;
import npc.gateway.protocol.v1.Reason;
import npc.gateway.protocol.v1.SubscriberIdentity;
import npc.gateway.protocol.v1.SubscriberType;
import npc.gateway.server.GatewayServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The audit end to end, as carriers meet it: the service as {@code npc start} wires it (audit on), carriers on the
 * SDK over TLS with the development PKI's certificates. Two donors answer the same flows: an eligibility query they
 * answer "eligible", then a port of the same number they reject for unpaid charges. The obstructive one (CM) cites a
 * billing month whose bill was overdue long before it said "eligible", which its own answer contradicts; the honest
 * one (CT) cites last month, whose bill is still payable, so the arrears are new. The service's own findings round
 * finds {@code ELIGIBILITY_CONTRADICTION} against CM, with the rejections and answers as evidence, and nothing
 * against CT.
 */
class ObstructionThroughGatewayIT {
  private static final SubscriberIdentity ALICE = SubscriberIdentity.newBuilder().setName("Zhang Wei")
      .setIdNumber("110101199003071234").build();
  private static final Duration WITHIN = Duration.ofSeconds(20);

  @TempDir
  Path home;

  @Test
  void aDonorWhoseRejectionsContradictItsEligibleAnswersIsFoundAndAnHonestOneIsNot() throws Exception {
    Map<String, Object> p = TestServiceProperties.on("obstruction", home);
    p.put("npc.regime", "demo");
    p.put("npc.gateway.port", 0);
    p.put("npc.gateway.pki-dir", home.resolve("pki").toString());
    p.put("npc.tokens.development-dir", home.resolve("tokens").toString());
    p.put("npc.audit.findings.interval", "1h"); // the test runs the round itself, once the flows are recorded

    try (ApplicationContext service = ApplicationContext.builder().deduceEnvironment(false)
        .deduceCloudEnvironment(false).properties(p).start()) {
      InetSocketAddress gateway = service.getBean(GatewayServer.class).address();
      Inbox cmInbox = new Inbox();
      Inbox ctInbox = new Inbox();
      try (CarrierClient cu = connect(gateway, "CU", new Inbox()); CarrierClient cm = connect(gateway, "CM", cmInbox);
          CarrierClient ct = connect(gateway, "CT", ctInbox)) {
        YearMonth now = YearMonth.now(ZoneOffset.UTC);
        String longOverdue = now.minusMonths(4).toString();
        String stillPayable = now.minusMonths(1).toString();
        for (int i = 1; i <= 3; i++) {
          assertThat(eligibleThenRejected(cu, cm, cmInbox, "+861390000100" + i, longOverdue))
              .isEqualTo(PortState.PORT_STATE_REJECTED_BY_DONOR);
          assertThat(eligibleThenRejected(cu, ct, ctInbox, "+861330000100" + i, stillPayable))
              .isEqualTo(PortState.PORT_STATE_REJECTED_BY_DONOR);
        }
      }
      service.getBean(FindingsRunner.class).run();

      Database database = service.getBean(Database.class);
      List<Row> cm = findings(database, "CM");
      assertThat(cm).as("CM's findings").singleElement().satisfies(row -> {
        assertThat(row.getString("rule")).isEqualTo("ELIGIBILITY_CONTRADICTION");
        assertThat(row.getString("line")).contains("\"carrier\":\"CM\"", "\"type\":\"finding\"",
            "\"chain\":\"");
      });
      assertThat(findings(database, "CT")).as("the honest donor's findings").isEmpty();
      assertThat(findings(database, "CU")).as("the recipient's findings").isEmpty();
    }
  }

  /**
   * The recipient asks whether {@code number} may port, its donor answers "eligible"; the donor issues a code, the
   * recipient requests the port and the donor rejects it for unpaid charges of {@code billingPeriod}.
   */
  private static PortState eligibleThenRejected(CarrierClient recipient, CarrierClient donor, Inbox donorInbox,
      String number, String billingPeriod) {
    EligibilityQueryAccepted query = join(recipient.queryEligibility(number,
        SubscriberType.SUBSCRIBER_TYPE_INDIVIDUAL, ALICE));
    await(donorInbox.queries, q -> q.getQueryId().equals(query.getQueryId()));
    join(donor.answerEligibility(EligibilityAnswer.newBuilder().setQueryId(query.getQueryId()).build()));
    String code = join(donor.requestAuthorisationCode(AuthorisationCodeRequest.newBuilder().setMsisdn(number)
        .setSubscriber(ALICE).build())).getCode();
    String key = "port-" + number.substring(1);
    String portId = join(recipient.requestPort(PortRequest.newBuilder().setIdempotencyKey(key)
        .setMsisdn(number).setOrderId("order-" + key).setChannel("outlet:BJ-0001")
        .setSubscriberType(SubscriberType.SUBSCRIBER_TYPE_INDIVIDUAL).setSubscriber(ALICE)
        .setAuthorisationCode(code).build())).getPortId();
    await(donorInbox.ports, n -> n.getPortId().equals(portId));
    return join(donor.answerPort(DonorAnswer.newBuilder().setPortId(portId).setReject(Reason.newBuilder()
        .setCode("UNPAID_CHARGES").putEvidence("amount_fen", "12800").putEvidence("billing_period", billingPeriod))
        .build())).getPort().getState();
  }

  private static List<Row> findings(Database database, String carrier) {
    return database.session().execute("SELECT rule, line FROM audit_findings WHERE carrier = ? AND type = ? "
        + "ALLOW FILTERING", carrier, "finding").all();
  }

  private CarrierClient connect(InetSocketAddress gateway, String carrier, Inbox inbox) {
    Path pki = home.resolve("pki");
    CarrierClient client = CarrierClient.builder()
        .gateway(gateway.getHostString(), gateway.getPort())
        .tls(ClientTls.fromPem(pki.resolve("carriers/" + carrier + ".pem"),
            pki.resolve("carriers/" + carrier + "-key.pem"), pki.resolve("ca.pem")))
        .listener(inbox)
        .clientName("obstruction-it", "1")
        .requestTimeout(WITHIN)
        .connect();
    join(client.whenConnected());
    return client;
  }

  private static <T> T join(CompletableFuture<T> future) {
    try {
      return future.get(WITHIN.toSeconds(), TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new AssertionError("no answer: " + e, e);
    }
  }

  /** The first element that matches, once it arrived. */
  private static <T> T await(List<T> list, Predicate<T> match) {
    long deadline = System.nanoTime() + WITHIN.toNanos();
    while (System.nanoTime() < deadline) {
      for (T item : list) {
        if (match.test(item)) {
          return item;
        }
      }
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted", e);
      }
    }
    throw new AssertionError("nothing matching arrived within " + WITHIN.toSeconds() + " s: " + list);
  }

  /** What a donor's SDK handed to its listener. */
  private static final class Inbox implements CarrierListener {
    final List<PortNotice> ports = new CopyOnWriteArrayList<>();
    final List<EligibilityQueryNotice> queries = new CopyOnWriteArrayList<>();

    @Override
    public void onPortNotice(PortNotice notice) {
      ports.add(notice);
    }

    @Override
    public void onEligibilityQuery(EligibilityQueryNotice notice) {
      queries.add(notice);
    }
  }
}
