package npc.audit.export;

import java.util.Locale;

/**
 * The kinds of failure the verifier names; {@code format.md} ("Verifying") defines each by the check that finds it.
 * Each names the simplest edit that explains the first break it found.
 */
public enum Tampering {
  /** An entry's content no longer hashes to what links it to the next entry, a checkpoint or the end statement. */
  MODIFIED,
  /** A position is missing while a later one of the same chain is present, or a chain is missing whole. */
  REMOVED,
  /** A position appears twice, an entry links past the one before it, or entries lie beyond the signed end. */
  INSERTED,
  /** A position appears after a later one of the same chain. */
  REORDERED,
  /** The export, or a chain in it, ends before the position its signed statements name. */
  TRUNCATED,
  /** A signature does not verify under a trusted key, or names a key nobody introduced. */
  BAD_SIGNATURE;

  /** The name printed: lower case, dashes. */
  public String label() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }
}
