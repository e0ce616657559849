package npc.gateway.server.log;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** What a carrier sends can neither forge a log line nor flood the log. */
class ClientTextTest {
  @Test
  void printableAsciiIsKeptAsSent() {
    assertThat(ClientText.safe("carrier-sdk/1.2 (linux)")).isEqualTo("carrier-sdk/1.2 (linux)");
  }

  @Test
  void newlinesAndControlCharactersAreEscapedSoNoLineCanBeForged() {
    assertThat(ClientText.safe("sdk\n2026-12-02 INFO Session open: carrier CU\r\u001b[2J"))
        .doesNotContain("\n").doesNotContain("\r").doesNotContain("\u001b")
        .startsWith("sdk\\u000a2026-12-02 INFO");
  }

  @Test
  void nonAsciiIsEscapedAndABackslashCannotImitateAnEscape() {
    assertThat(ClientText.safe("é\\u000a")).isEqualTo("\\u00e9\\\\u000a");
  }

  @Test
  void longTextIsCutAtSixtyFourCharacters() {
    String safe = ClientText.safe("x".repeat(65_536));
    assertThat(safe).isEqualTo("x".repeat(64) + "...");
  }

  @Test
  void noTextIsEmpty() {
    assertThat(ClientText.safe(null)).isEmpty();
  }
}
