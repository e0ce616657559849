package npc.core.numbering;

import static org.assertj.core.api.Assertions.assertThat;

import npc.core.carrier.CarrierId;
import org.junit.jupiter.api.Test;

class NumberPlanTest {
  private final NumberPlan cn = NumberPlan.fromClasspath(86, "npc/core/numbering/cn-mobile-ranges.csv", 11);

  @Test
  void parsesEveryWrittenFormOfAChineseMobileNumber() {
    Msisdn expected = new Msisdn(86, 13800138000L, 11);
    assertThat(cn.parse("13800138000")).contains(expected);
    assertThat(cn.parse("+8613800138000")).contains(expected);
    assertThat(cn.parse("008613800138000")).contains(expected);
    assertThat(cn.parse(" 138-0013-8000 ")).contains(expected);
    assertThat(expected.e164()).isEqualTo(8613800138000L);
    assertThat(expected).hasToString("+8613800138000");
  }

  @Test
  void refusesWhatIsNotAMobileNumberOfAKnownBlock() {
    assertThat(cn.parse("1380013800")).as("10 digits").isEmpty();
    assertThat(cn.parse("138001380001")).as("12 digits").isEmpty();
    assertThat(cn.parse("12800138000")).as("no 128 block").isEmpty();
    assertThat(cn.parse("+4413800138000")).as("another country").isEmpty();
    assertThat(cn.parse("1380013800x")).isEmpty();
    assertThat(cn.parse("")).isEmpty();
    assertThat(cn.parse(null)).isEmpty();
    assertThat(cn.parse("1".repeat(40))).isEmpty();
  }

  @Test
  void theLongestPrefixDecidesTheHolderAndPortability() {
    NumberRange satellite = cn.rangeOf(cn.parse("13490000000").orElseThrow()).orElseThrow();
    assertThat(satellite.holder()).isEqualTo(new CarrierId("SAT"));
    assertThat(satellite.portable()).isFalse();
    NumberRange mobile = cn.rangeOf(cn.parse("13480000000").orElseThrow()).orElseThrow();
    assertThat(mobile.holder()).isEqualTo(new CarrierId("CM"));
    assertThat(mobile.portable()).isTrue();
  }

  @Test
  void iotBlocksHaveThirteenDigitNumbersAndAreNotPortable() {
    assertThat(cn.parse("14000000000")).as("11 digits in a 13-digit block").isEmpty();
    Msisdn iot = cn.parse("1400000000000").orElseThrow();
    assertThat(cn.rangeOf(iot).orElseThrow().portable()).isFalse();
  }

  @Test
  void mvnoBlocksAreNotPortable() {
    for (String number : new String[] {"17012345678", "17112345678", "16212345678", "16512345678", "16712345678"}) {
      assertThat(cn.rangeOf(cn.parse(number).orElseThrow()).orElseThrow().portable()).as(number).isFalse();
    }
  }
}
