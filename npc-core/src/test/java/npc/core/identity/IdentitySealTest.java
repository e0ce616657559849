package npc.core.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.UUID;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/** Sealing an identity for a carrier that must be shown it: round trip, tampering, other keys, other subjects. */
class IdentitySealTest {
  private static final byte[] KEY = "seal test identity key, 32 bytes at least".getBytes(StandardCharsets.UTF_8);
  private static final SubscriberIdentity ALICE = new SubscriberIdentity("张伟 Zhang Wei", "110101199003071234");
  private static final UUID QUERY = UUID.fromString("5c0ffee0-0000-4000-8000-000000000001");

  private final IdentitySeal seal = IdentitySeal.derivedFrom(KEY);

  @Test
  void aSealedIdentityOpensToTheSameNameAndIdNumber() {
    SubscriberIdentity opened = seal.open(seal.seal(ALICE, QUERY), QUERY).orElseThrow();

    assertThat(opened.name()).isEqualTo(ALICE.name());
    assertThat(opened.idNumber()).isEqualTo(ALICE.idNumber());
  }

  @Test
  void anotherInstanceWithTheSameIdentityKeyOpensWhatThisOneSealed() {
    assertThat(IdentitySeal.derivedFrom(KEY.clone()).open(seal.seal(ALICE, QUERY), QUERY)).isPresent();
    assertThat(new IdentityDigester(KEY).seal().open(seal.seal(ALICE, QUERY), QUERY)).isPresent();
  }

  @Test
  void theSealShowsNothingOfTheIdentityAndDiffersEachTime() {
    byte[] first = seal.seal(ALICE, QUERY);
    byte[] second = seal.seal(ALICE, QUERY);

    assertThat(first).isNotEqualTo(second);
    String asText = new String(first, StandardCharsets.ISO_8859_1);
    assertThat(asText).doesNotContain("110101199003071234").doesNotContain("Zhang Wei");
  }

  @Test
  void everyChangedByteIsDetectedAndNothingOpens() {
    byte[] sealed = seal.seal(ALICE, QUERY);
    for (int i = 0; i < sealed.length; i++) {
      byte[] tampered = sealed.clone();
      tampered[i] ^= 0x01;
      assertThat(seal.open(tampered, QUERY)).as("byte %d changed", i).isEmpty();
    }
    assertThat(seal.open(Arrays.copyOf(sealed, sealed.length - 1), QUERY)).as("truncated").isEmpty();
    assertThat(seal.open(new byte[0], QUERY)).as("empty").isEmpty();
  }

  @Test
  void aSealDoesNotOpenUnderAnotherKey() {
    IdentitySeal other = IdentitySeal.derivedFrom("another identity key of at least 32 bytes".getBytes(
        StandardCharsets.UTF_8));

    assertThat(other.open(seal.seal(ALICE, QUERY), QUERY)).isEmpty();
  }

  @Test
  void aSealDoesNotOpenForAnotherSubject() {
    assertThat(seal.open(seal.seal(ALICE, QUERY), UUID.randomUUID())).isEmpty();
  }

  @Test
  void aSealIsAesGcmUnderTheDocumentedDerivationOfTheIdentityKey() throws Exception {
    byte[] sealed = seal.seal(ALICE, QUERY);
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(KEY, "HmacSHA256"));
    byte[] sealKey = mac.doFinal("npc identity seal v1".getBytes(StandardCharsets.US_ASCII));
    Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
    cipher.init(Cipher.DECRYPT_MODE, new SecretKeySpec(sealKey, "AES"),
        new GCMParameterSpec(128, Arrays.copyOfRange(sealed, 1, 13)));
    cipher.updateAAD(ByteBuffer.allocate(17).put((byte) 1).putLong(QUERY.getMostSignificantBits())
        .putLong(QUERY.getLeastSignificantBits()).array());
    ByteBuffer plain = ByteBuffer.wrap(cipher.doFinal(sealed, 13, sealed.length - 13));

    assertThat(sealed[0]).as("format and key version").isEqualTo((byte) 1);
    byte[] name = new byte[plain.getShort()];
    plain.get(name);
    byte[] idNumber = new byte[plain.remaining()];
    plain.get(idNumber);
    assertThat(new String(name, StandardCharsets.UTF_8)).isEqualTo(ALICE.name());
    assertThat(new String(idNumber, StandardCharsets.UTF_8)).isEqualTo(ALICE.idNumber());
    assertThat(sealKey).isNotEqualTo(Arrays.copyOf(KEY, 32));
  }

  @Test
  void aShortIdentityKeyIsRefused() {
    assertThatThrownBy(() -> IdentitySeal.derivedFrom(new byte[16])).isInstanceOf(IllegalArgumentException.class);
  }
}
