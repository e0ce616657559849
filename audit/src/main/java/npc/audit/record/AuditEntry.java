package npc.audit.record;

import java.util.Objects;

/**
 * One entry of a chain: a {@link AuditRecord} at its position, linked to the entry before it by that entry's hash.
 * Its own {@link #hash()} is SHA-256 of its canonical encoding ({@link CanonicalEncoding#entry}), computed once.
 */
public final class AuditEntry {

  private final String chain;
  private final long position;
  private final Bytes32 previous;
  private final AuditRecord record;
  private final Bytes32 hash;

  public AuditEntry(String chain, long position, Bytes32 previous, AuditRecord record) {
    this.chain = requireChain(chain);
    if (position < 1) {
      throw new IllegalArgumentException("a chain's positions start at 1: " + position);
    }
    this.position = position;
    this.previous = Objects.requireNonNull(previous, "previous");
    this.record = Objects.requireNonNull(record, "record");
    this.hash = Sha256.of(CanonicalEncoding.entry(this));
  }

  /** A chain id: 1 to 128 letters, digits, dots, dashes and underscores. */
  public static String requireChain(String chain) {
    boolean ok = chain != null && !chain.isEmpty() && chain.length() <= 128;
    for (int i = 0; ok && i < chain.length(); i++) {
      char c = chain.charAt(i);
      ok = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '.' || c == '_' || c == '-';
    }
    if (!ok) {
      throw new IllegalArgumentException("a chain id is 1 to 128 of [A-Za-z0-9._-]: " + chain);
    }
    return chain;
  }

  public String chain() {
    return chain;
  }

  public long position() {
    return position;
  }

  /** The hash of the entry before, {@link Bytes32#ZERO} before the first. */
  public Bytes32 previous() {
    return previous;
  }

  public AuditRecord record() {
    return record;
  }

  public Bytes32 hash() {
    return hash;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof AuditEntry other && hash.equals(other.hash);
  }

  @Override
  public int hashCode() {
    return hash.hashCode();
  }

  @Override
  public String toString() {
    return chain + "#" + position + " " + record.kind() + " " + hash.hex().substring(0, 12);
  }
}
