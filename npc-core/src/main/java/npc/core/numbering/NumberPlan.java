package npc.core.numbering;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import npc.core.carrier.CarrierId;

/**
 * One country's mobile number ranges: parses numbers as subscribers and carriers write them, and says who holds
 * each block and whether it is portable. A number outside every known block is not a mobile number here.
 *
 * <p>Ranges come from a CSV file ({@code prefix,holder,portable,note}, {@code #} comments, a header line).
 * Numbers have the plan's default length unless the note names another ({@code IoT 13-digit}).
 */
public final class NumberPlan {
  private static final Pattern LENGTH_IN_NOTE = Pattern.compile("(\\d{1,2})-digit");

  private final int countryCode;
  private final Map<String, NumberRange> byPrefix;
  private final int longestPrefix;

  public NumberPlan(int countryCode, Collection<NumberRange> ranges) {
    this.countryCode = countryCode;
    Map<String, NumberRange> map = new HashMap<>();
    int longest = 0;
    for (NumberRange range : ranges) {
      if (map.putIfAbsent(range.prefix(), range) != null) {
        throw new IllegalArgumentException("range " + range.prefix() + " is listed twice");
      }
      longest = Math.max(longest, range.prefix().length());
    }
    this.byPrefix = Map.copyOf(map);
    this.longestPrefix = longest;
  }

  /** Reads a ranges CSV from the classpath. */
  public static NumberPlan fromClasspath(int countryCode, String resource, int defaultLength) {
    try (InputStream in = NumberPlan.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalArgumentException("no number ranges at " + resource);
      }
      return new NumberPlan(countryCode, parseCsv(new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)),
          defaultLength, resource));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static List<NumberRange> parseCsv(BufferedReader reader, int defaultLength, String source) throws IOException {
    List<NumberRange> ranges = new ArrayList<>();
    int lineNumber = 0;
    for (String line; (line = reader.readLine()) != null; ) {
      lineNumber++;
      String trimmed = line.strip();
      if (trimmed.isEmpty() || trimmed.startsWith("#") || trimmed.startsWith("prefix,")) {
        continue;
      }
      String[] cells = trimmed.split(",", -1);
      if (cells.length < 3) {
        throw new IllegalArgumentException(source + ":" + lineNumber + ": expected prefix,holder,portable,note");
      }
      String note = cells.length > 3 ? cells[3].strip() : "";
      Matcher m = LENGTH_IN_NOTE.matcher(note);
      int length = m.find() ? Integer.parseInt(m.group(1)) : defaultLength;
      boolean portable = switch (cells[2].strip()) {
        case "yes" -> true;
        case "no" -> false;
        default -> throw new IllegalArgumentException(source + ":" + lineNumber + ": portable must be yes or no");
      };
      ranges.add(new NumberRange(cells[0].strip(), new CarrierId(cells[1].strip()), portable, length, note));
    }
    return ranges;
  }

  public int countryCode() {
    return countryCode;
  }

  /**
   * Parses {@code +<country code><national>}, {@code 00<country code><national>} or a national number, with
   * spaces and dashes allowed between digits.
   *
   * @return the number, or empty when it is not a mobile number of a known block of this plan
   */
  public Optional<Msisdn> parse(String text) {
    if (text == null || text.length() > 32) {
      return Optional.empty();
    }
    String digits = text.strip().replace(" ", "").replace("-", "");
    String cc = Integer.toString(countryCode);
    if (digits.startsWith("+")) {
      digits = digits.substring(1);
      if (!digits.startsWith(cc)) {
        return Optional.empty();
      }
      digits = digits.substring(cc.length());
    } else if (digits.startsWith("00")) {
      if (!digits.startsWith("00" + cc)) {
        return Optional.empty();
      }
      digits = digits.substring(2 + cc.length());
    }
    if (digits.isEmpty() || digits.length() > 15 - cc.length() || digits.charAt(0) == '0') {
      return Optional.empty();
    }
    for (int i = 0; i < digits.length(); i++) {
      if (digits.charAt(i) < '0' || digits.charAt(i) > '9') {
        return Optional.empty();
      }
    }
    Optional<NumberRange> range = rangeOfDigits(digits);
    if (range.isEmpty() || range.get().length() != digits.length()) {
      return Optional.empty();
    }
    return Optional.of(new Msisdn(countryCode, Long.parseLong(digits), digits.length()));
  }

  /** The block a number belongs to (the longest prefix that matches). */
  public Optional<NumberRange> rangeOf(Msisdn number) {
    if (number.countryCode() != countryCode) {
      return Optional.empty();
    }
    return rangeOfDigits(number.nationalText());
  }

  private Optional<NumberRange> rangeOfDigits(String digits) {
    for (int len = Math.min(longestPrefix, digits.length()); len > 0; len--) {
      NumberRange range = byPrefix.get(digits.substring(0, len));
      if (range != null) {
        return Optional.of(range);
      }
    }
    return Optional.empty();
  }
}
