package npc.core.regime;

import java.time.Duration;
import java.util.Objects;

/**
 * The authorisation code: its alphabet and length, how long it stays valid, whether the donor may issue it only for
 * an eligible number (India's porting code), and how many mismatches void it.
 *
 * @param maxMismatches port requests whose code does not match before the code is void and a new one must be
 *     issued: a recipient holding a subscriber's identity must not be able to try the whole code space within a
 *     code's lifetime
 */
public record CodeRules(String alphabet, int length, Duration lifetime, boolean onlyWhenEligible, int maxMismatches) {
  public CodeRules {
    Objects.requireNonNull(lifetime, "lifetime");
    if (alphabet == null || alphabet.length() < 10 || alphabet.chars().distinct().count() != alphabet.length()) {
      throw new IllegalArgumentException("a code alphabet needs at least 10 distinct characters: " + alphabet);
    }
    if (length < 4 || length > 16) {
      throw new IllegalArgumentException("a code is 4-16 characters long, not " + length);
    }
    if (lifetime.isNegative() || lifetime.isZero()) {
      throw new IllegalArgumentException("a code's lifetime must be positive");
    }
    if (maxMismatches < 1 || maxMismatches > 100) {
      throw new IllegalArgumentException("a code is void after 1-100 mismatches, not " + maxMismatches);
    }
  }
}
