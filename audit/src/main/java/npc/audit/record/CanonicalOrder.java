package npc.audit.record;

import java.util.Comparator;

/**
 * The one order of keys and chain ids in the canonical encoding: by their UTF-8 bytes, compared as unsigned
 * values, which is the order of their code points. Java's own string order compares UTF-16 units and differs for characters beyond U+FFFF, so it is not
 * used: an independent verifier in any language gets this order from the bytes alone.
 */
public final class CanonicalOrder {
  public static final Comparator<String> UTF8 = CanonicalOrder::compare;

  /** UTF-8 byte order is code point order, so comparing code points gives it without encoding either string. */
  private static int compare(String a, String b) {
    int i = 0;
    int j = 0;
    while (i < a.length() && j < b.length()) {
      int x = a.codePointAt(i);
      int y = b.codePointAt(j);
      if (x != y) {
        return Integer.compare(x, y);
      }
      i += Character.charCount(x);
      j += Character.charCount(y);
    }
    return Integer.compare(a.length() - i, b.length() - j);
  }

  private CanonicalOrder() {}
}
