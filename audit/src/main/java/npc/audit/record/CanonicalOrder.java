package npc.audit.record;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Comparator;

/**
 * The one order of keys and chain ids in the canonical encoding: by their UTF-8 bytes, compared as unsigned
 * values. Java's own string order compares UTF-16 units and differs for characters beyond U+FFFF, so it is not
 * used: an independent verifier in any language gets this order from the bytes alone.
 */
public final class CanonicalOrder {
  public static final Comparator<String> UTF8 = (a, b) ->
      Arrays.compareUnsigned(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));

  private CanonicalOrder() {}
}
