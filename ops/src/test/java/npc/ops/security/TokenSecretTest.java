package npc.ops.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TokenSecretTest {

  @Test
  void aGeneratedTokenParsesBackToItsIdAndMatchesOnlyItsOwnHash() {
    TokenSecret token = TokenSecret.generate();
    TokenSecret other = TokenSecret.generate();
    assertThat(token.text()).startsWith("npc_" + token.id() + "_");
    assertThat(TokenSecret.parse(" " + token.text() + "\n")).contains(token);
    assertThat(token.matches(token.sha256())).isTrue();
    assertThat(token.matches(other.sha256())).isFalse();
    assertThat(token.matches(null)).isFalse();
    assertThat(token.id()).isNotEqualTo(other.id());
  }

  @Test
  void textNotOfTheFormatIsNoToken() {
    String good = TokenSecret.generate().text();
    assertThat(TokenSecret.parse(null)).isEmpty();
    assertThat(TokenSecret.parse("")).isEmpty();
    assertThat(TokenSecret.parse(good.substring(0, good.length() - 1))).as("a secret too short").isEmpty();
    assertThat(TokenSecret.parse(good + "A")).as("a secret too long").isEmpty();
    assertThat(TokenSecret.parse(good.replace("npc_", "xyz_"))).isEmpty();
  }

  @Test
  void theSecretNeverAppearsInToString() {
    TokenSecret token = TokenSecret.generate();
    assertThat(token.toString()).contains(token.id()).doesNotContain(token.text());
  }
}
