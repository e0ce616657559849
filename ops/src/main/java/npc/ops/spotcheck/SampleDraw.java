package npc.ops.spotcheck;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The drawing algorithm, {@value #ALGORITHM}, a pure function so that anyone can reproduce a sample from an export:
 * take the population's port ids as text (lower-case UUIDs), drop duplicates; give each id the key
 * HMAC-SHA256(key = the seed's bytes, message = the id's UTF-8 bytes), as lower-case hex; sort by that key, ties by
 * the id; the sample is the first {@code size} ids (all of them if fewer). Sorting by a keyed hash is a uniformly
 * random sample without replacement, needs no random number generator whose algorithm a reader must match, and does
 * not depend on the order the population was read in.
 */
public final class SampleDraw {
  public static final String ALGORITHM = "hmac-sha256-rank/1";

  private SampleDraw() {}

  /** The sample of at most {@code size} ids drawn from {@code population} under {@code seed}, in drawing order. */
  public static List<String> draw(byte[] seed, Collection<String> population, int size) {
    Mac mac = mac(seed);
    List<Map.Entry<String, String>> ranked = new ArrayList<>();
    for (String id : new TreeSet<>(population)) {
      ranked.add(Map.entry(HexFormat.of().formatHex(mac.doFinal(id.getBytes(StandardCharsets.UTF_8))), id));
    }
    ranked.sort(Map.Entry.<String, String>comparingByKey().thenComparing(Map.Entry.comparingByValue()));
    return ranked.stream().limit(size).map(Map.Entry::getValue).toList();
  }

  /** SHA-256 of the population's ids, sorted, one a line ({@code \n} after each), as hex: what the draw ran over. */
  public static String digest(Collection<String> population) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      for (String id : new TreeSet<>(population)) {
        sha.update((id + "\n").getBytes(StandardCharsets.UTF_8));
      }
      return HexFormat.of().formatHex(sha.digest());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }

  private static Mac mac(byte[] seed) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(seed, "HmacSHA256"));
      return mac;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
    }
  }
}
