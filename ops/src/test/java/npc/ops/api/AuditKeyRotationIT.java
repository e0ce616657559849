package npc.ops.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import java.io.IOException;
import java.io.StringReader;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import npc.audit.export.AuditVerifier;
import npc.audit.sign.AuditKeyFile;
import npc.audit.sign.AuditPublicKey;
import npc.ops.security.Role;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The operator rotates the record's signing key on a running service of its own (the shared one's tests verify
 * under its first key): over HTTP, then with {@code npc audit rotate-key}. The record holds the {@code KEY_ROTATED}
 * entry, the service's checkpoints are signed with the new key, and the export of the period verifies with the
 * first key alone; the key file holds the new key and the retired file the old one; the served key is the new one.
 * A body without a reason is 400 and rotates nothing; two rotations at once never start from the same key.
 */
class AuditKeyRotationIT {
  private static final Instant FROM = Instant.now().minus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.MILLIS);
  private static final Duration WAIT = Duration.ofSeconds(30);
  private static RunningService service;
  private static AuditPublicKey firstKey;
  private static String operator;
  private static String regulator;

  @BeforeAll
  static void start() {
    service = RunningService.own("keyrot", Map.of("npc.audit.checkpoint.interval", "1s",
        "npc.audit.heads.interval", "2s"));
    operator = service.developmentToken(Role.OPERATOR);
    regulator = service.developmentToken(Role.REGULATOR);
    firstKey = servedKey();
  }

  @AfterAll
  static void stop() {
    service.context.close();
  }

  @Test
  void aRotationOverHttpIsRecordedAndTheExportVerifiesWithTheFirstKey() throws Exception {
    AuditPublicKey before = servedKey();

    HttpResponse<String> answer = service.send("POST", "/api/v1/audit/key/rotation", operator,
        "{\"reason\":\"routine rotation\"}");

    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
    Map<String, Object> rotation = json(answer.body());
    AuditPublicKey newKey = AuditPublicKey.parse((String) rotation.get("publicKey"));
    assertThat(rotation).containsEntry("oldKeyId", before.id().hex()).containsEntry("newKeyId", newKey.id().hex());
    long position = ((Number) rotation.get("position")).longValue();
    assertThat(((Number) rotation.get("checkpoint")).longValue()).isGreaterThanOrEqualTo(position);
    String chain = (String) rotation.get("chain");

    Path keyFile = keyFile();
    Path retired = AuditKeyFile.retiredFile(keyFile, before.id());
    assertThat(AuditKeyFile.loadExisting(keyFile).publicKey()).isEqualTo(newKey);
    assertThat(AuditKeyFile.loadExisting(retired).publicKey()).isEqualTo(before);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(retired))).isEqualTo("rw-------");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keyFile))).isEqualTo("rw-------");
    assertThat(servedKey()).isEqualTo(newKey);

    await(() -> service.get("/api/v1/audit/checkpoints?chain=" + chain, regulator).body()
        .contains("\"keyId\":\"" + newKey.id().hex() + "\""), "a checkpoint of the chain signed with the new key");
    Instant to = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    Thread.sleep(1500); // every entry and heads checkpoint of the period is written
    HttpResponse<String> export = service.get("/api/v1/audit/export?from=" + FROM + "&to=" + to, regulator);

    assertThat(export.statusCode()).as(export.body()).isEqualTo(200);
    assertThat(AuditVerifier.verify(new StringReader(export.body()), firstKey).message())
        .startsWith("audit verify: OK ");
    List<String> lines = export.body().lines().toList();
    String operatorId = operator.split("_")[1];
    assertThat(lines).filteredOn(l -> l.contains("\"kind\":\"KEY_ROTATED\"") && l.contains("\"position\":" + position
        + ","))
        .singleElement().asString().contains("\"chain\":\"" + chain + "\"", "\"actor\":\"OPERATOR:" + operatorId + "\"",
            "\"newKeyId\":\"" + newKey.id().hex() + "\"", "\"reason\":\"routine rotation\"");
    assertThat(lines).as("the export holds a checkpoint by the new key").anyMatch(l ->
        l.startsWith("{\"type\":\"checkpoint\"") && l.contains("\"keyId\":\"" + newKey.id().hex() + "\""));
  }

  @Test
  void theCommandRotatesAMissingReasonRotatesNothingAndConcurrentRotationsFormOneLineOfKeys() throws Exception {
    AuditPublicKey before = servedKey();
    HttpResponse<String> noReason = service.send("POST", "/api/v1/audit/key/rotation", operator, "{}");
    assertThat(noReason.statusCode()).as(noReason.body()).isEqualTo(400);
    assertThat(noReason.body()).contains("\"field\":\"reason\"");
    assertThat(Cli.asOperator(service, "audit", "rotate-key").code()).as("no --reason").isEqualTo(2);
    assertThat(servedKey()).as("nothing rotated").isEqualTo(before);

    Cli.Run rotated = Cli.asOperator(service, "audit", "rotate-key", "--reason", "operator left");

    assertThat(rotated.code()).as(rotated.err()).isZero();
    AuditPublicKey newKey = servedKey();
    assertThat(newKey).isNotEqualTo(before);
    assertThat(rotated.out()).startsWith("audit rotate-key: " + before.id().hex() + " -> " + newKey.id().hex()
        + ", KEY_ROTATED at ").endsWith(newKey.pem());
    assertThat(Cli.run("audit", "rotate-key", "--help").out()).contains("--reason", "Exit codes");

    List<CompletableFuture<HttpResponse<String>>> both = List.of(rotateAsync(), rotateAsync());
    List<HttpResponse<String>> answers = both.stream().map(CompletableFuture::join).toList();
    assertThat(answers).extracting(HttpResponse::statusCode).allMatch(s -> s == 200 || s == 409).contains(200);
    List<Map<String, Object>> done = answers.stream().filter(a -> a.statusCode() == 200).map(a -> json(a.body()))
        .toList();
    if (done.size() == 2) {
      Map<String, Object> first = newKey.id().hex().equals(done.get(0).get("oldKeyId")) ? done.get(0) : done.get(1);
      Map<String, Object> second = first == done.get(0) ? done.get(1) : done.get(0);
      assertThat(first).containsEntry("oldKeyId", newKey.id().hex());
      assertThat(second).as("the later rotation starts from the earlier one's key")
          .containsEntry("oldKeyId", first.get("newKeyId"));
    } else {
      assertThat(done.get(0)).containsEntry("oldKeyId", newKey.id().hex());
      assertThat(answers).filteredOn(a -> a.statusCode() == 409).singleElement()
          .satisfies(a -> assertThat(a.body()).contains("already running"));
    }
  }

  private static CompletableFuture<HttpResponse<String>> rotateAsync() {
    return CompletableFuture.supplyAsync(() -> service.send("POST", "/api/v1/audit/key/rotation", operator,
        "{\"reason\":\"at once\"}"));
  }

  private static AuditPublicKey servedKey() {
    HttpResponse<String> key = service.get("/api/v1/audit/key", regulator);
    assertThat(key.statusCode()).as(key.body()).isEqualTo(200);
    return AuditPublicKey.parse(key.body());
  }

  /** The default key file, beside the identity key in the service's directory. */
  private static Path keyFile() {
    return service.tokensDir.resolveSibling("audit-signing.key");
  }

  private static Map<String, Object> json(String body) {
    try {
      return service.context.getBean(JsonMapper.class).readValue(body, Argument.mapOf(String.class, Object.class));
    } catch (IOException e) {
      throw new AssertionError(body, e);
    }
  }

  private static void await(java.util.function.BooleanSupplier condition, String what) throws InterruptedException {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("not within " + WAIT + ": " + what);
      }
      Thread.sleep(200);
    }
  }
}
