package npc.core.numbering;

/**
 * A mobile number in E.164 form: country code and national significant number, at most 15 digits in all. Made
 * only by a {@link NumberPlan}, which checks it against the ranges it knows.
 *
 * @param countryCode the E.164 country code, e.g. 86
 * @param national    the national significant number, e.g. 13800138000
 * @param nationalDigits how many digits the national number has (it never starts with 0 for mobiles, but the
 *                    count is kept so that the value is exact)
 */
public record Msisdn(int countryCode, long national, int nationalDigits) implements Comparable<Msisdn> {

  public Msisdn {
    if (countryCode < 1 || countryCode > 999) {
      throw new IllegalArgumentException("country code must be 1-999: " + countryCode);
    }
    int ccDigits = digits(countryCode);
    if (national <= 0 || digits(national) != nationalDigits || ccDigits + nationalDigits > 15) {
      throw new IllegalArgumentException("not an E.164 number: +" + countryCode + " " + national);
    }
  }

  /** The E.164 digits as one number, e.g. 8613800138000: the key of the routing table. */
  public long e164() {
    long scale = 1;
    for (int i = 0; i < nationalDigits; i++) {
      scale *= 10;
    }
    return countryCode * scale + national;
  }

  /** The national number as text, e.g. {@code 13800138000}. */
  public String nationalText() {
    return Long.toString(national);
  }

  /** {@code +8613800138000}. */
  @Override
  public String toString() {
    return "+" + countryCode + national;
  }

  @Override
  public int compareTo(Msisdn other) {
    return Long.compare(e164(), other.e164());
  }

  static int digits(long value) {
    int n = 1;
    while (value >= 10) {
      value /= 10;
      n++;
    }
    return n;
  }
}
