package npc.ops.api;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A finding's id in the API: {@code CARRIER:RULE:CHAIN:POSITION}, the identity the findings round keeps it under
 * (carrier, rule and its first evidence entry), in characters that need no escaping in a path. Stable across rounds:
 * a later round that finds the same conduct from the same first entry keeps the same id.
 */
public record FindingId(String carrier, String rule, String chain, long position) {
  private static final Pattern FORM = Pattern.compile("([A-Z][A-Z0-9]{1,7}):([A-Z][A-Z0-9_]{0,63}):"
      + "([A-Za-z0-9._-]{1,128}):([1-9][0-9]{0,17})");

  /** The id in {@code text}, or empty when it is not of the form. */
  public static Optional<FindingId> parse(String text) {
    Matcher m = FORM.matcher(text);
    if (!m.matches()) {
      return Optional.empty();
    }
    return Optional.of(new FindingId(m.group(1), m.group(2), m.group(3), Long.parseLong(m.group(4))));
  }

  /** The key the findings store keeps it under: its first evidence entry, {@code chain#position}. */
  public String key() {
    return chain + "#" + position;
  }

  @Override
  public String toString() {
    return carrier + ":" + rule + ":" + chain + ":" + position;
  }
}
