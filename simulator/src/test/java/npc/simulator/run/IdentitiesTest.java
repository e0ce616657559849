package npc.simulator.run;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class IdentitiesTest {

  @Test
  void aSubscribersIdentityIsTheSameEachTimeAndValidForTheGateway() {
    for (int i = 0; i < 1000; i++) {
      var id = Identities.of(i, 7);
      assertThat(id).isEqualTo(Identities.of(i, 7));
      assertThat(id.getIdNumber()).matches("[A-Z0-9]{4,32}");
      assertThat(id.getName()).isNotBlank().hasSizeLessThanOrEqualTo(100);
      assertThat(id).isNotEqualTo(Identities.of(i + 1, 7));
    }
  }

  @Test
  void eachAttemptHasItsOwnIdempotencyKey() {
    Attempt first = new Attempt(5, 42, 0, 1, 0, true, false, "CU-ch3");
    assertThat(first.retry().number()).isEqualTo(1);
    assertThat(first.retry().key("run")).isNotEqualTo(first.key("run"));
    assertThat(first.key("run")).isEqualTo(first.key("run"));
  }
}
