package npc.audit.record;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;

/**
 * Reads back an entry's canonical encoding ({@link CanonicalEncoding#entry}, {@code audit/docs/format.md}): how the
 * entries of a block row are kept (audit/README.md, "Block rows"), so that the bytes read are the bytes hashed. The
 * encoding is strict, and so is this: a wrong tag, a presence byte other than 0 or 1, text that is not UTF-8, evidence
 * keys out of their byte order or repeated, or bytes left over are refused, so that one entry has one encoding.
 */
public final class CanonicalDecoding {
  private CanonicalDecoding() {}

  /**
   * The entry whose canonical encoding is {@code bytes[from, from + length)}.
   *
   * @throws IllegalArgumentException if those bytes are not one entry's canonical encoding, saying why
   */
  public static AuditEntry entry(byte[] bytes, int from, int length) {
    ByteBuffer in = ByteBuffer.wrap(bytes, from, length);
    try {
      String tag = text(in);
      if (!tag.equals(CanonicalEncoding.ENTRY_TAG)) {
        throw new IllegalArgumentException("not an entry's encoding: tag \"" + tag + "\"");
      }
      String chain = text(in);
      long position = in.getLong();
      Bytes32 previous = bytes32(in);
      AuditRecord record = record(in);
      if (in.hasRemaining()) {
        throw new IllegalArgumentException(in.remaining() + " bytes after the entry");
      }
      return new AuditEntry(chain, position, previous, record);
    } catch (BufferUnderflowException e) {
      throw new IllegalArgumentException("an entry's encoding cut short", e);
    }
  }

  private static boolean present(ByteBuffer in) {
    int flag = in.get();
    if (flag != 0 && flag != 1) {
      throw new IllegalArgumentException("a presence byte of " + flag);
    }
    return flag == 1;
  }

  private static Optional<String> optionalText(ByteBuffer in) {
    return present(in) ? Optional.of(text(in)) : Optional.empty();
  }

  /**
   * Reads a record's fields ({@link CanonicalEncoding#record}) from {@code in}'s position, leaving it after them.
   *
   * @throws IllegalArgumentException if they are not a record's canonical fields, saying why
   * @throws BufferUnderflowException if they are cut short
   */
  public static AuditRecord record(ByteBuffer in) {
    UUID step = new UUID(in.getLong(), in.getLong());
    Instant at = Instant.ofEpochMilli(in.getLong());
    Optional<String> actor = optionalText(in);
    String kind = text(in);
    Optional<String> subject = optionalText(in);
    Optional<String> msisdn = optionalText(in);
    Optional<String> stateBefore = optionalText(in);
    Optional<String> stateAfter = optionalText(in);
    Optional<String> reason = optionalText(in);
    long count = Integer.toUnsignedLong(in.getInt());
    TreeMap<String, String> evidence = new TreeMap<>(CanonicalOrder.UTF8);
    String last = null;
    for (long i = 0; i < count; i++) {
      String key = text(in);
      if (last != null && CanonicalOrder.UTF8.compare(last, key) >= 0) {
        throw new IllegalArgumentException("evidence key \"" + key + "\" after \"" + last + "\": not in byte order");
      }
      evidence.put(key, text(in));
      last = key;
    }
    Optional<Instant> deadline = present(in) ? Optional.of(Instant.ofEpochMilli(in.getLong())) : Optional.empty();
    Optional<Bytes32> subscriber = present(in) ? Optional.of(bytes32(in)) : Optional.empty();
    return new AuditRecord(step, at, actor, kind, subject, msisdn, stateBefore, stateAfter, reason, evidence,
        deadline, subscriber);
  }

  /** Reads length-prefixed UTF-8 text, strictly. */
  public static String text(ByteBuffer in) {
    long length = Integer.toUnsignedLong(in.getInt());
    if (length > in.remaining()) {
      throw new BufferUnderflowException();
    }
    ByteBuffer utf8 = in.slice(in.position(), (int) length);
    in.position(in.position() + (int) length);
    try {
      return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT).decode(utf8).toString();
    } catch (CharacterCodingException e) {
      throw new IllegalArgumentException("text that is not UTF-8", e);
    }
  }

  private static Bytes32 bytes32(ByteBuffer in) {
    byte[] value = new byte[Bytes32.LENGTH];
    in.get(value);
    return Bytes32.of(value);
  }
}
