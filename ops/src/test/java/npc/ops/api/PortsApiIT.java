package npc.ops.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import npc.core.carrier.CarrierId;
import npc.core.identity.SubscriberIdentity;
import npc.core.porting.PortOutcome;
import npc.core.porting.PortingService;
import npc.core.porting.SubmitPort;
import npc.core.porting.SubscriberType;
import npc.ops.security.Role;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Ports as a regulator and a carrier query them over HTTP, on ports the service's own core opened: by carrier and
 * side, state and period, page by page until the last token; by number; by id. A carrier's token sees only its own
 * ports (another carrier's is 404); bad input is 400 naming the field.
 */
class PortsApiIT {
  private static final SubscriberIdentity SUBSCRIBER = new SubscriberIdentity("Li Hua", "110101199001011234");
  private static final Pattern ID = Pattern.compile("\"id\":\"([0-9a-f-]{36})\"");
  private static final Pattern NEXT = Pattern.compile("\"next\":\"([^\"]+)\"");
  private static RunningService service;
  private static String regulator;
  private static String cuToken;
  private static UUID cuOpen;
  private static UUID cuCancelled;
  private static UUID ctOpen;
  private static String period;

  @BeforeAll
  static void ports() {
    service = RunningService.get();
    regulator = service.developmentToken(Role.REGULATOR);
    cuToken = carrierToken("CU");
    Instant now = Instant.now();
    cuOpen = openPort("CU", "13900000201");
    cuCancelled = openPort("CU", "13900000202");
    ctOpen = openPort("CT", "13900000203");
    PortingService porting = service.context.getBean(PortingService.class);
    porting.cancel(new CarrierId("CU"), cuCancelled).value();
    period = "&from=" + now.minus(1, ChronoUnit.HOURS) + "&to=" + now.plus(1, ChronoUnit.HOURS);
  }

  @Test
  void aCarriersPortsAreReadPageByPageUntilTheLastToken() {
    List<String> pages = pages("/api/v1/ports?carrier=CU&size=1" + period, regulator);
    List<String> ids = new ArrayList<>();
    for (String page : pages) {
      List<String> onPage = ids(page);
      assertThat(onPage).as(page).hasSizeLessThanOrEqualTo(1);
      ids.addAll(onPage);
    }
    assertThat(pages).as("one page per port at least").hasSizeGreaterThanOrEqualTo(2);
    assertThat(ids).contains(cuOpen.toString(), cuCancelled.toString()).doesNotContain(ctOpen.toString())
        .doesNotHaveDuplicates();
  }

  @Test
  void theStateAndTheSideFilterThePorts() {
    String cancelled = String.join("", pages("/api/v1/ports?carrier=CU&state=CANCELLED" + period, regulator));
    assertThat(ids(cancelled)).contains(cuCancelled.toString()).doesNotContain(cuOpen.toString());
    String donor = String.join("", pages("/api/v1/ports?carrier=CM&side=donor" + period, regulator));
    assertThat(ids(donor)).contains(cuOpen.toString(), cuCancelled.toString(), ctOpen.toString());
    String recipient = String.join("", pages("/api/v1/ports?carrier=CM&side=RECIPIENT" + period, regulator));
    assertThat(ids(recipient)).doesNotContain(cuOpen.toString(), cuCancelled.toString(), ctOpen.toString());
  }

  @Test
  void aNumbersPortsAndOnePortById() {
    HttpResponse<String> number = service.get("/api/v1/ports?number=%2B8613900000201", regulator);
    assertThat(number.statusCode()).as(number.body()).isEqualTo(200);
    assertThat(ids(number.body())).containsExactly(cuOpen.toString());
    assertThat(number.body()).contains("\"recipient\":\"CU\"", "\"donor\":\"CM\"", "\"state\":\"PENDING_DONOR\"");
    HttpResponse<String> none = service.get("/api/v1/ports?number=13900000299", regulator);
    assertThat(none.statusCode()).as(none.body()).isEqualTo(200);
    assertThat(ids(none.body())).isEmpty();
    HttpResponse<String> one = service.get("/api/v1/ports/" + ctOpen, regulator);
    assertThat(one.statusCode()).as(one.body()).isEqualTo(200);
    assertThat(one.body()).contains("\"recipient\":\"CT\"");
  }

  @Test
  void aCarrierSeesItsOwnPortsAndAnothersAre404() {
    assertThat(service.get("/api/v1/ports/" + cuOpen, cuToken).statusCode()).isEqualTo(200);
    assertProblem(service.get("/api/v1/ports/" + ctOpen, cuToken), 404, ctOpen.toString());
    assertProblem(service.get("/api/v1/ports?carrier=CT" + period, cuToken), 404, "CT");
    String own = String.join("", pages("/api/v1/ports?size=50" + period, cuToken));
    assertThat(ids(own)).contains(cuOpen.toString()).doesNotContain(ctOpen.toString());
    assertThat(ids(service.get("/api/v1/ports?number=13900000203", cuToken).body())).isEmpty();
  }

  @Test
  void badInputIs400NamingTheFieldAndAnUnknownPort404() {
    assertProblem(service.get("/api/v1/ports?number=12345", regulator), 400, "\"field\":\"number\"");
    assertProblem(service.get("/api/v1/ports" + period.replaceFirst("&", "?"), regulator), 400,
        "\"field\":\"carrier\"");
    assertProblem(service.get("/api/v1/ports?carrier=CU&state=LOST" + period, regulator), 400,
        "\"field\":\"state\"");
    assertProblem(service.get("/api/v1/ports?carrier=CU&size=1001" + period, regulator), 400, "\"field\":\"size\"");
    assertProblem(service.get("/api/v1/ports?carrier=CU&side=BOTH" + period, regulator), 400, "\"field\":\"side\"");
    assertProblem(service.get("/api/v1/ports?carrier=CU&from=2026-01-01T00:00:00Z&to=2027-06-01T00:00:00Z",
        regulator), 400, "\"field\":\"to\"");
    assertProblem(service.get("/api/v1/ports?carrier=CU&page=not-a-token" + period, regulator), 400,
        "\"field\":\"page\"");
    String first = service.get("/api/v1/ports?carrier=CU&size=1" + period, regulator).body();
    Matcher next = NEXT.matcher(first);
    assertThat(next.find()).as(first).isTrue();
    assertProblem(service.get("/api/v1/ports?carrier=CM&size=1&page=" + next.group(1) + period, regulator), 400,
        "\"field\":\"page\"");
    assertProblem(service.get("/api/v1/ports/p-1", regulator), 400, "\"field\":\"id\"");
    assertProblem(service.get("/api/v1/ports/" + UUID.randomUUID(), regulator), 404, "does not exist");
  }

  /** Every page of a query, following each page's token to the last page. */
  private static List<String> pages(String query, String token) {
    List<String> pages = new ArrayList<>();
    String path = query;
    while (path != null && pages.size() < 100) {
      HttpResponse<String> page = service.get(path, token);
      assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
      pages.add(page.body());
      Matcher next = NEXT.matcher(page.body());
      path = next.find() ? query + "&page=" + next.group(1) : null;
    }
    return pages;
  }

  private static List<String> ids(String body) {
    List<String> ids = new ArrayList<>();
    Matcher m = ID.matcher(body);
    while (m.find()) {
      ids.add(m.group(1));
    }
    return ids;
  }

  private static String carrierToken(String carrier) {
    String created = service.send("POST", "/api/v1/tokens", service.developmentToken(Role.OPERATOR),
        "{\"role\":\"CARRIER\",\"carrier\":\"" + carrier + "\"}").body();
    Matcher m = Pattern.compile("\"secret\":\"([^\"]+)\"").matcher(created);
    assertThat(m.find()).as(created).isTrue();
    return m.group(1);
  }

  /** {@code recipient}'s port of CM's number, open and waiting for CM's answer. */
  private static UUID openPort(String recipient, String number) {
    PortingService porting = service.context.getBean(PortingService.class);
    String code = porting.issueCode(new CarrierId("CM"), number, SUBSCRIBER).value().code();
    PortOutcome outcome = porting.submit(new SubmitPort(new CarrierId(recipient), "ports-" + number, number,
        "o-" + number, "outlet:BJ-1", SubscriberType.INDIVIDUAL, SUBSCRIBER, code)).value();
    assertThat(outcome).as(number).isInstanceOf(PortOutcome.Opened.class);
    return ((PortOutcome.Opened) outcome).port().id();
  }

  private static void assertProblem(HttpResponse<String> response, int status, String contains) {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
    assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
        type -> assertThat(type).startsWith("application/problem+json"));
    assertThat(response.body()).contains(contains);
  }
}
