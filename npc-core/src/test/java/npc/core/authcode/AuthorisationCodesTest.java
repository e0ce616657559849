package npc.core.authcode;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import npc.core.identity.IdentityDigester;
import npc.core.identity.SubscriberIdentity;
import npc.core.regime.CodeRules;
import npc.core.regime.RegimeLoader;
import org.junit.jupiter.api.Test;

/**
 * A code is stored as an HMAC under a key kept outside Cassandra: whoever reads the number's row (its salt and hash)
 * cannot try the code space offline, which for a 6-digit code is a million hashes.
 */
class AuthorisationCodesTest {
  private static final CodeRules CN = RegimeLoader.builtIn("cn").code();
  private static final IdentityDigester IDENTITIES =
      new IdentityDigester("unit test identity key, 32 bytes at least".getBytes(StandardCharsets.UTF_8));
  private static final byte[] CODE_KEY = IDENTITIES.derivedKey(AuthorisationCodes.KEY_PURPOSE);
  private static final String NUMBER = "+8613800138000";
  private static final byte[] SUBSCRIBER = IDENTITIES.digest(new SubscriberIdentity("Zhang Wei", "110101199003071234"));

  private final AuthorisationCodes codes = new AuthorisationCodes(CN, new SecureRandom(), CODE_KEY);

  @Test
  void theSameInputsUnderTwoKeysGiveDifferentHashes() {
    AuthorisationCodes other = new AuthorisationCodes(CN, new SecureRandom(),
        new IdentityDigester("another identity key, 32 bytes at least".getBytes(StandardCharsets.UTF_8))
            .derivedKey(AuthorisationCodes.KEY_PURPOSE));
    byte[] salt = codes.newSalt();

    assertThat(codes.hash(salt, NUMBER, SUBSCRIBER, "123456"))
        .isEqualTo(codes.hash(salt, NUMBER, SUBSCRIBER, "123456"))
        .isNotEqualTo(other.hash(salt, NUMBER, SUBSCRIBER, "123456"));
  }

  @Test
  void aReaderOfTheRowFindsTheCodeByTryingEveryOneUnderTheUnkeyedFormOfOldButNotUnderTheKeyedOne()
      throws Exception {
    String code = codes.newCode();
    byte[] salt = codes.newSalt();
    byte[] stored = codes.hash(salt, NUMBER, SUBSCRIBER, code);

    assertThat(unkeyed(salt, NUMBER, SUBSCRIBER, code)).isNotEqualTo(stored);
    assertThat(codesGiving(unkeyed(salt, NUMBER, SUBSCRIBER, code), salt)).as("the form of old").containsExactly(code);
    assertThat(codesGiving(stored, salt)).as("the keyed form").isEmpty();
  }

  /**
   * What a reader of the row can do without the key: try every 6-digit code under the unkeyed form (the input up to
   * the code hashed once, then each code after it).
   */
  private static List<String> codesGiving(byte[] hash, byte[] salt) throws Exception {
    MessageDigest prefix = MessageDigest.getInstance("SHA-256");
    prefix.update(salt);
    prefix.update(NUMBER.getBytes(StandardCharsets.UTF_8));
    prefix.update((byte) 0);
    prefix.update(SUBSCRIBER);
    prefix.update((byte) 0);
    byte[] guess = new byte[6];
    List<String> found = new ArrayList<>();
    for (int n = 0; n < 1_000_000; n++) {
      for (int i = 5, rest = n; i >= 0; i--, rest /= 10) {
        guess[i] = (byte) ('0' + rest % 10);
      }
      if (MessageDigest.isEqual(((MessageDigest) prefix.clone()).digest(guess), hash)) {
        found.add(new String(guess, StandardCharsets.US_ASCII));
      }
    }
    return found;
  }

  @Test
  void aHashMatchesOnlyItsOwnCodeNumberAndSubscriber() {
    String code = codes.newCode();
    byte[] salt = codes.newSalt();
    byte[] stored = codes.hash(salt, NUMBER, SUBSCRIBER, code);
    String wrong = code.charAt(0) == '0' ? "1" + code.substring(1) : "0" + code.substring(1);

    assertThat(codes.matches(stored, salt, NUMBER, SUBSCRIBER, code)).isTrue();
    assertThat(codes.matches(stored, salt, NUMBER, SUBSCRIBER, wrong)).isFalse();
    assertThat(codes.matches(stored, salt, "+8613800138001", SUBSCRIBER, code)).isFalse();
    assertThat(codes.matches(stored, salt, NUMBER,
        IDENTITIES.digest(new SubscriberIdentity("Li Na", "110101198001011111")), code)).isFalse();
    assertThat(codes.matches(stored, salt, NUMBER, SUBSCRIBER, code + "0")).as("not a code of the regime").isFalse();
  }

  /** The stored form before codes were keyed: SHA-256 over salt, number, subscriber digest and code. */
  private static byte[] unkeyed(byte[] salt, String msisdn, byte[] subscriberDigest, String code) throws Exception {
    MessageDigest sha = MessageDigest.getInstance("SHA-256");
    sha.update(salt);
    sha.update(msisdn.getBytes(StandardCharsets.UTF_8));
    sha.update((byte) 0);
    sha.update(subscriberDigest);
    sha.update((byte) 0);
    sha.update(code.getBytes(StandardCharsets.UTF_8));
    return sha.digest();
  }
}
