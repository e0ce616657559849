package npc.audit.export;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import npc.audit.record.AuditEntry;
import npc.audit.record.AuditRecord;
import npc.audit.record.Bytes32;
import npc.audit.record.CanonicalBuffer;
import npc.audit.record.CanonicalEncoding;
import npc.core.audit.AuditKind;

/**
 * The verifier's fast path for entry lines: reads one straight into its canonical encoding and hash, through the
 * encoding's own {@link CanonicalBuffer}, with no JSON tokens, strings, records, optionals or maps in between, and
 * with one buffer and one {@link MessageDigest} for every line.
 *
 * <p>It takes only lines in the plain form the export's writer makes: one JSON object with no white space, strings
 * with no escape, known fields each at most once (in any order), a whole number position, evidence keys in canonical
 * order, and every value in its form. For any other line {@link #read} answers false and decides nothing: the line
 * goes to {@link ExportParser}, the reference path, which reads it or names what is wrong with it. So the fast path
 * only ever accepts a line the reference path accepts, and must compute the same hash for it; {@code
 * EntryScannerTest} holds it to both, field by field.
 */
final class EntryScanner {
  /** The fields, in the order the writer puts them (the order tried first). */
  private static final String[] NAMES = {"type", "chain", "position", "previous", "hash", "step", "at", "actor",
      "kind", "subject", "msisdn", "stateBefore", "stateAfter", "reason", "evidence", "deadline", "subscriber"};
  private static final int TYPE = 0;
  private static final int CHAIN = 1;
  private static final int POSITION = 2;
  private static final int PREVIOUS = 3;
  private static final int HASH = 4;
  private static final int STEP = 5;
  private static final int AT = 6;
  private static final int ACTOR = 7;
  private static final int KIND = 8;
  private static final int SUBJECT = 9;
  private static final int REASON = 13;
  private static final int EVIDENCE = 14;
  private static final int DEADLINE = 15;
  private static final int SUBSCRIBER = 16;
  private static final int REQUIRED = 1 << TYPE | 1 << CHAIN | 1 << POSITION | 1 << PREVIOUS | 1 << HASH | 1 << STEP
      | 1 << AT | 1 << KIND | 1 << EVIDENCE;
  private static final char[][] NAME_CHARS = new char[NAMES.length][];
  private static final char[] ENTRY_TAG = CanonicalEncoding.ENTRY_TAG.toCharArray();
  private static final char[] ENTRY_TYPE = "entry".toCharArray();
  private static final char[] NEW_KEY = "newKey".toCharArray();
  /** Longer lines go to the reference path, whose JSON reader has limits of its own. */
  private static final int LONGEST = 1 << 16;
  private static final int HEX32 = 2 * Bytes32.LENGTH;
  private static final int UUID_LENGTH = 36;

  /**
   * The length of the fields that have one (hex32, uuid, time). Their closing quote is looked for there, not scanned
   * for: what lies between is then checked character by character as a value of the field's form, which a quote, a
   * backslash or a control character never is.
   */
  private static final int[] LENGTHS = new int[NAMES.length];

  static {
    LENGTHS[PREVIOUS] = LENGTHS[HASH] = LENGTHS[SUBSCRIBER] = HEX32;
    LENGTHS[STEP] = UUID_LENGTH;
    LENGTHS[AT] = LENGTHS[DEADLINE] = ExportTime.LENGTH;
    for (int f = 0; f < NAMES.length; f++) {
      NAME_CHARS[f] = NAMES[f].toCharArray();
    }
  }

  private final int[] start = new int[NAMES.length];
  private final int[] end = new int[NAMES.length];
  /** Per evidence pair: key start, key end, value start, value end. */
  private int[] pairs = new int[4 * 8];
  private int pairCount;
  private int seen;
  private long position;
  private char[] chars;
  private String chain;
  private char[] chainChars;
  private String kind;
  private final CanonicalBuffer out = new CanonicalBuffer(1024);
  private final MessageDigest sha256;
  private final byte[] hash = new byte[Bytes32.LENGTH];
  private int previousAt;
  private boolean intact;

  EntryScanner() {
    try {
      sha256 = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }

  /**
   * Reads {@code line[from, to)} (one line, without its line feed) if it is an entry line in the plain form, and
   * answers whether it did; the other methods then describe it, until the next call.
   */
  boolean read(char[] line, int from, int to) {
    chars = line;
    return to - from <= LONGEST && fields(from, to) && (seen & REQUIRED) == REQUIRED && encode();
  }

  String chain() {
    return chain;
  }

  long position() {
    return position;
  }

  Bytes32 previous() {
    return out.bytes32At(previousAt);
  }

  /** SHA-256 of the entry's canonical encoding. */
  Bytes32 hash() {
    return Bytes32.of(hash);
  }

  /** Whether the hash the line states is {@link #hash()}. */
  boolean intact() {
    return intact;
  }

  /** The evidence {@code newKey} of a {@link AuditKind#KEY_ROTATED} entry, as written; null for any other entry. */
  String rotatedKey() {
    if (!kind.equals(AuditKind.KEY_ROTATED.name())) {
      return null;
    }
    for (int p = 0; p < pairCount; p++) {
      if (is(pairs[4 * p], pairs[4 * p + 1], NEW_KEY)) {
        return new String(chars, pairs[4 * p + 2], pairs[4 * p + 3] - pairs[4 * p + 2]);
      }
    }
    return null;
  }

  /** The object's fields into {@link #start} and {@link #end}; false at anything outside the plain form. */
  private boolean fields(int from, int to) {
    seen = 0;
    pairCount = 0;
    if (from >= to || chars[from] != '{' || chars[to - 1] != '}') {
      return false;
    }
    int last = to - 1;
    int i = from + 1;
    int next = 0;
    while (true) {
      int nameEnd = string(i, last);
      int field = nameEnd < 0 ? -1 : field(i + 1, nameEnd, next);
      if (field < 0 || (seen & 1 << field) != 0 || nameEnd + 1 >= last || chars[nameEnd + 1] != ':') {
        return false;
      }
      seen |= 1 << field;
      next = field + 1;
      i = nameEnd + 2;
      if (field == POSITION) {
        i = position(i, last);
      } else if (field == EVIDENCE) {
        i = evidence(i, last);
      } else {
        int valueEnd = string(i, last, LENGTHS[field]);
        start[field] = i + 1;
        end[field] = valueEnd;
        i = valueEnd < 0 ? -1 : valueEnd + 1;
      }
      if (i == last) {
        return true;
      }
      if (i < 0 || chars[i] != ',') {
        return false;
      }
      i++;
    }
  }

  /** As {@link #string(int, int)}, looking first where a value of {@code length} (if not 0) would close. */
  private int string(int i, int to, int length) {
    int close = i + length + 1;
    return length > 0 && close < to && chars[i] == '"' && chars[close] == '"' ? close : string(i, to);
  }

  /** The index of the closing quote of the string that opens at {@code i}; -1 if none, or it holds an escape. */
  private int string(int i, int to) {
    if (i >= to || chars[i] != '"') {
      return -1;
    }
    for (int j = i + 1; j < to; j++) {
      char c = chars[j];
      if (c == '"') {
        return j;
      }
      if (c == '\\' || c < 0x20) {
        return -1;
      }
    }
    return -1;
  }

  private int field(int from, int to, int next) {
    for (int k = 0; k < NAMES.length; k++) {
      int f = (next + k) % NAMES.length;
      if (is(from, to, NAME_CHARS[f])) {
        return f;
      }
    }
    return -1;
  }

  private boolean is(int from, int to, char[] text) {
    if (to - from != text.length) {
      return false;
    }
    for (int i = 0; i < text.length; i++) {
      if (chars[from + i] != text[i]) {
        return false;
      }
    }
    return true;
  }

  /** 1 or more, at most 18 digits, no leading zero (what JSON allows and a position is). */
  private int position(int i, int to) {
    long value = 0;
    int j = i;
    while (j < to && chars[j] >= '0' && chars[j] <= '9' && j - i < 18) {
      value = value * 10 + (chars[j++] - '0');
    }
    if (j == i || chars[i] == '0') {
      return -1;
    }
    position = value;
    return j;
  }

  /** An object of strings whose keys are in ascending order (so also unique). */
  private int evidence(int i, int to) {
    if (i + 1 >= to || chars[i] != '{') {
      return -1;
    }
    if (chars[i + 1] == '}') {
      return i + 2;
    }
    i++;
    while (true) {
      int keyEnd = string(i, to);
      if (keyEnd < 0 || keyEnd + 1 >= to || chars[keyEnd + 1] != ':') {
        return -1;
      }
      int valueEnd = string(keyEnd + 2, to);
      if (valueEnd < 0 || valueEnd + 1 >= to || pairCount > 0
          && compare(pairs[4 * pairCount - 4], pairs[4 * pairCount - 3], i + 1, keyEnd) >= 0) {
        return -1;
      }
      if (4 * pairCount + 4 > pairs.length) {
        pairs = Arrays.copyOf(pairs, 2 * pairs.length);
      }
      pairs[4 * pairCount] = i + 1;
      pairs[4 * pairCount + 1] = keyEnd;
      pairs[4 * pairCount + 2] = keyEnd + 3;
      pairs[4 * pairCount + 3] = valueEnd;
      pairCount++;
      i = valueEnd + 1;
      if (chars[i] == '}') {
        return i + 1;
      }
      if (chars[i] != ',') {
        return -1;
      }
      i++;
    }
  }

  /**
   * Keys compared as characters: the canonical order (UTF-8 bytes) for text without surrogates, and text with one
   * never reaches the hash on this path ({@link CanonicalBuffer#text(char[], int, int)} refuses it).
   */
  private int compare(int aFrom, int aTo, int bFrom, int bTo) {
    return Arrays.compare(chars, aFrom, aTo, chars, bFrom, bTo);
  }

  /** The canonical encoding of the entry ({@code format.md}, "Entry"), its hash, and the line's own checks. */
  private boolean encode() {
    out.reset();
    out.text(ENTRY_TAG, 0, ENTRY_TAG.length);
    if (!is(start[TYPE], end[TYPE], ENTRY_TYPE) || !chain(start[CHAIN], end[CHAIN])
        || !out.text(chars, start[CHAIN], end[CHAIN])) {
      return false;
    }
    out.u64(position);
    previousAt = out.size();
    if (!hex32(PREVIOUS) || !uuid(start[STEP], end[STEP]) || !time(AT) || !optionalText(ACTOR)) {
      return false;
    }
    kind = new String(chars, start[KIND], end[KIND] - start[KIND]);
    if (!AuditRecord.isKind(kind)) {
      return false;
    }
    out.text(chars, start[KIND], end[KIND]);
    for (int f = SUBJECT; f <= REASON; f++) {
      if (!optionalText(f)) {
        return false;
      }
    }
    out.u32(pairCount);
    for (int p = 0; p < 4 * pairCount; p += 4) {
      if (!out.text(chars, pairs[p], pairs[p + 1]) || !out.text(chars, pairs[p + 2], pairs[p + 3])) {
        return false;
      }
    }
    if (!optional(DEADLINE) || (seen & 1 << DEADLINE) != 0 && !time(DEADLINE)) {
      return false;
    }
    if (!optional(SUBSCRIBER) || (seen & 1 << SUBSCRIBER) != 0 && !hex32(SUBSCRIBER)) {
      return false;
    }
    out.sha256(sha256, hash);
    // The stated hash is checked for its form and compared, past the encoding, in the same buffer.
    int statedAt = out.size();
    if (!hex32(HASH)) {
      return false;
    }
    intact = out.equals32(statedAt, hash);
    return true;
  }

  /** The chain id, kept from the line before when it is the same (as it is along a chain). */
  private boolean chain(int from, int to) {
    if (chain != null && is(from, to, chainChars)) {
      return true;
    }
    try {
      chain = AuditEntry.requireChain(new String(chars, from, to - from));
    } catch (IllegalArgumentException e) {
      chain = null;
      return false;
    }
    chainChars = chain.toCharArray();
    return true;
  }

  private boolean hex32(int field) {
    return end[field] - start[field] == HEX32 && out.hex(chars, start[field], Bytes32.LENGTH);
  }

  /** A UUID in its lowercase canonical form, as its 16 bytes. */
  private boolean uuid(int from, int to) {
    return to - from == UUID_LENGTH && chars[from + 8] == '-' && chars[from + 13] == '-' && chars[from + 18] == '-'
        && chars[from + 23] == '-' && out.hex(chars, from, 4) && out.hex(chars, from + 9, 2)
        && out.hex(chars, from + 14, 2) && out.hex(chars, from + 19, 2) && out.hex(chars, from + 24, 6);
  }

  private boolean time(int field) {
    if (end[field] - start[field] != ExportTime.LENGTH) {
      return false;
    }
    try {
      out.u64(ExportTime.millis(chars, start[field]));
      return true;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  /** The presence byte of an optional field; true, for use in a chain of checks. */
  private boolean optional(int field) {
    out.u8((seen & 1 << field) != 0 ? 1 : 0);
    return true;
  }

  private boolean optionalText(int field) {
    return optional(field) && ((seen & 1 << field) == 0 || out.text(chars, start[field], end[field]));
  }
}
