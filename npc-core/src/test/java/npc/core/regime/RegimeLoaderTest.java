package npc.core.regime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import npc.core.carrier.CarrierId;
import org.junit.jupiter.api.Test;

class RegimeLoaderTest {

  @Test
  void theChinaRegimeHasTheTimersAndClosedListOfTheDesign() {
    Regime cn = RegimeLoader.builtIn("cn");
    assertThat(cn.eligibilityAnswer()).isEqualTo(Duration.ofSeconds(60));
    assertThat(cn.code().lifetime()).isEqualTo(Duration.ofMinutes(60));
    assertThat(cn.donorAnswer()).isEqualTo(Duration.ofMinutes(30));
    assertThat(cn.routingAck()).isEqualTo(Duration.ofMinutes(15));
    assertThat(cn.lockPeriod()).isEqualTo(Duration.ofDays(120));
    assertThat(cn.reasons()).extracting(RejectionReason::code).containsExactly("NOT_REAL_NAME", "ABNORMAL_STATUS",
        "UNPAID_CHARGES", "BINDING_TERM_ACTIVE", "LOCK_PERIOD", "NON_PORTABLE_RANGE");
    assertThat(cn.reason("LOCK_PERIOD").orElseThrow().clearinghouseVerifies()).isTrue();
    assertThat(cn.reason("VALUE_ADDED_SERVICES")).isEmpty();
    assertThat(cn.carriers().participants()).extracting(CarrierId::value).containsExactly("CM", "CU", "CT", "CBN");
    // 10:20 in Beijing is activated at 11:00.
    assertThat(cn.activation().activationTime(Instant.parse("2026-11-29T02:20:00Z")))
        .isEqualTo(Instant.parse("2026-11-29T03:00:00Z"));
  }

  @Test
  void theDemoRegimeIsTheChinaRegimeWithTimersInSeconds() {
    Regime cn = RegimeLoader.builtIn("cn");
    Regime demo = RegimeLoader.builtIn("demo");
    assertThat(demo.reasons()).isEqualTo(cn.reasons());
    assertThat(demo.donorAnswer()).isEqualTo(Duration.ofSeconds(10));
    assertThat(demo.lockPeriod()).isEqualTo(Duration.ofSeconds(120));
    assertThat(demo.activation().activationTime(Instant.parse("2026-11-29T02:20:03Z")))
        .isEqualTo(Instant.parse("2026-11-29T02:20:10Z"));
  }

  @Test
  void theIndiaRegimeDiffersOnlyInItsData() {
    Regime in = RegimeLoader.builtIn("in");
    assertThat(in.code().length()).isEqualTo(8);
    assertThat(in.code().lifetime()).isEqualTo(Duration.ofDays(4));
    assertThat(in.code().onlyWhenEligible()).isTrue();
    assertThat(in.lockPeriod()).isEqualTo(Duration.ofDays(90));
    assertThat(in.reasons()).allMatch(r -> !r.individuals());
    assertThat(in.numbers().parse("+919810012345")).isPresent();
    // Accepted on a Friday evening in Delhi: activated at 02:00 on Monday.
    assertThat(in.activation().activationTime(Instant.parse("2026-11-27T14:00:00Z")))
        .isEqualTo(Instant.parse("2026-11-29T20:30:00Z"));
  }

  @Test
  void anUnknownOrMalformedRegimeIsRefusedWithItsKey() {
    assertThatThrownBy(() -> RegimeLoader.builtIn("xx")).hasMessageContaining("no regime file");
    assertThatThrownBy(() -> RegimeLoader.builtIn("../cn")).hasMessageContaining("not a regime id");
    assertThatThrownBy(() -> RegimeLoader.fromClasspath("npc/core/regime/broken-timer.properties"))
        .hasMessageContaining("donor.answer-deadline is not an ISO-8601 duration");
  }
}
