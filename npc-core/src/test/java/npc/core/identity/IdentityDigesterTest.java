package npc.core.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class IdentityDigesterTest {
  private static final byte[] SECRET = "unit test identity key, 32 bytes at least".getBytes(StandardCharsets.UTF_8);

  @Test
  void aDerivedKeyIsTheSameForOnePurposeAndNeitherTheIdentityKeyNorTheKeyOfAnotherPurpose() {
    IdentityDigester digester = new IdentityDigester(SECRET);
    byte[] codes = digester.derivedKey("npc authorisation code v1");

    assertThat(codes).hasSize(32).isEqualTo(new IdentityDigester(SECRET).derivedKey("npc authorisation code v1"))
        .isNotEqualTo(SECRET).isNotEqualTo(digester.derivedKey("npc something else v1"));
    assertThat(new IdentityDigester("another identity key, 32 bytes at least".getBytes(StandardCharsets.UTF_8))
        .derivedKey("npc authorisation code v1")).isNotEqualTo(codes);
  }

  @Test
  void theSameSubscriberWrittenDifferentlyHasOneDigest() {
    IdentityDigester digester = new IdentityDigester(SECRET);
    assertThat(digester.digest(new SubscriberIdentity(" Zhang Wei ", "11010119900307123x")))
        .isEqualTo(digester.digest(new SubscriberIdentity("zhang wei", "11010119900307123X")));
  }
}
