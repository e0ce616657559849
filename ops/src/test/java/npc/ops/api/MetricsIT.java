package npc.ops.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.json.JsonMapper;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import npc.ops.security.Role;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code /prometheus} and {@code /health} of a running service while two carriers drive ports through the real
 * gateway: each metric moves by exactly what the traffic did (scrapes before and after), and the health lists the
 * gateway with its connected carriers and the audit with its append lag.
 */
class MetricsIT {
  private static final int ACCEPTED = 3;
  private static final int REJECTED = 2;
  private static RunningService service;
  private static String scraper;

  @BeforeAll
  static void scraperToken() {
    service = RunningService.get();
    String created = service.send("POST", "/api/v1/tokens", service.developmentToken(Role.OPERATOR),
        "{\"role\":\"METRICS\",\"label\":\"prometheus\"}").body();
    Matcher m = Pattern.compile("\"secret\":\"([^\"]+)\"").matcher(created);
    assertThat(m.find()).as(created).isTrue();
    scraper = m.group(1);
  }

  @Test
  void eachMetricMovesByWhatTheTrafficDid() throws Exception {
    try (PortTraffic traffic = new PortTraffic(service)) {
      Scrape before = scrape();
      traffic.drive(ACCEPTED, REJECTED);
      Scrape after = scrape();

      assertThat(after.delta(before, "npc_gateway_requests_total", "type", "PORT_REQUEST", "outcome", "OK"))
          .as("port requests answered (one rejected by the clearinghouse's checks is still answered)")
          .isEqualTo(ACCEPTED + REJECTED + 1);
      assertThat(after.delta(before, "npc_gateway_requests_total", "type", "DONOR_ANSWER", "outcome", "OK"))
          .isEqualTo(ACCEPTED + REJECTED);
      assertThat(after.delta(before, "npc_rejections_total", "carrier", "CM", "reason", "UNPAID_CHARGES", "by",
          "donor")).isEqualTo(REJECTED);
      assertThat(after.delta(before, "npc_rejections_total", "carrier", "CU", "by", "clearinghouse")).isEqualTo(1);
      assertThat(after.delta(before, "npc_donor_answer_seconds_count", "carrier", "CM"))
          .isEqualTo(ACCEPTED + REJECTED);
      assertThat(after.value("npc_donor_answer_seconds_bucket", "carrier", "CM", "le", "+Inf"))
          .as("a histogram, so that Prometheus can compute quantiles across instances").isPositive();
      assertThat(after.delta(before, "npc_ports_open")).as("accepted ports stay open until activated")
          .isEqualTo(ACCEPTED);
      assertThat(after.delta(before, "npc_ports_ended_total", "carrier", "CM", "side", "donor", "state",
          "REJECTED_BY_DONOR")).isEqualTo(REJECTED);
      assertThat(after.value("npc_gateway_connected_carriers")).isGreaterThanOrEqualTo(2);
      assertThat(after.has("npc_audit_append_lag")).isTrue();
      assertThat(after.has("npc_routing_broadcast_seconds_count")).isTrue();
    }
  }

  @Test
  void healthListsTheGatewayWithItsCarriersAndTheAuditWithItsLag() throws Exception {
    try (PortTraffic traffic = new PortTraffic(service)) {
      HttpResponse<String> health = service.get("/health", null);
      assertThat(health.statusCode()).as(health.body()).isEqualTo(200);
      Map<String, Object> components = map(json(health.body()).get("details"));
      assertThat(map(components.get("gateway")).get("status")).as(health.body()).isEqualTo("UP");
      assertThat(String.valueOf(map(map(components.get("gateway")).get("details")).get("connectedCarriers")))
          .as(health.body()).contains("CM", "CU");
      assertThat(map(components.get("audit")).get("status")).as(health.body()).isEqualTo("UP");
      assertThat(map(map(components.get("audit")).get("details"))).containsKeys("appendLag", "inFlightLimit");
      assertThat(map(components.get("cassandra")).get("status")).as(health.body()).isEqualTo("UP");
    }
  }

  @Test
  void aRegulatorTokenCannotScrape() {
    assertThat(service.get("/prometheus", service.developmentToken(Role.REGULATOR)).statusCode()).isEqualTo(403);
    assertThat(service.get("/prometheus", null).statusCode()).isEqualTo(401);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> map(Object value) {
    assertThat(value).isInstanceOf(Map.class);
    return (Map<String, Object>) value;
  }

  private static Map<String, Object> json(String body) throws java.io.IOException {
    return map(service.context.getBean(JsonMapper.class).readValue(body, Map.class));
  }

  private Scrape scrape() {
    HttpResponse<String> response = service.get("/prometheus", scraper);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return new Scrape(response.body());
  }

  /** One scrape in the Prometheus text format: sums of the samples whose labels include the ones asked. */
  record Scrape(String text) {
    private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{(.*)})? (\\S+)$");
    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");

    double value(String name, String... labels) {
      double sum = 0;
      for (String line : text.split("\n")) {
        Matcher m = SAMPLE.matcher(line);
        if (line.startsWith("#") || !m.matches() || !m.group(1).equals(name)) {
          continue;
        }
        Map<String, String> found = new HashMap<>();
        Matcher l = LABEL.matcher(m.group(3) == null ? "" : m.group(3));
        while (l.find()) {
          found.put(l.group(1), l.group(2));
        }
        boolean matches = true;
        for (int i = 0; i < labels.length; i += 2) {
          matches &= labels[i + 1].equals(found.get(labels[i]));
        }
        if (matches) {
          sum += Double.parseDouble(m.group(4));
        }
      }
      return sum;
    }

    boolean has(String name) {
      return Pattern.compile("(?m)^" + name + "[{ ]").matcher(text).find();
    }

    long delta(Scrape before, String name, String... labels) {
      return Math.round(value(name, labels) - before.value(name, labels));
    }
  }
}
