package npc.audit.report;

import java.util.Map;
import java.util.Optional;

/**
 * What a regulator makes a carrier pay the subscriber per number per day of delay it caused, in the currency's minor
 * unit. Among the regulators the issue names, ANACOM (Portugal) sets EUR 2.50 a day; BIPT (Belgium) also sets one,
 * whose amount is not recorded here. npc's built-in regimes set none: China's MIIT rules (cn), the demo regime and
 * India's TRAI porting regulations (in) provide no per-day compensation to the subscriber, so their reports show
 * the delay in days and no amount. A regime that sets one is added to {@link #forRegime}.
 *
 * @param source the rule the amount comes from, named in the report
 */
public record CompensationRate(long minorUnitsPerDay, String currency, String source) {
  private static final Map<String, CompensationRate> BY_REGIME = Map.of(
      "pt", new CompensationRate(250, "EUR", "ANACOM portability regulation: EUR 2.50 per number per day of delay"));

  public CompensationRate {
    if (minorUnitsPerDay < 0 || currency == null || currency.isBlank() || source == null) {
      throw new IllegalArgumentException("a compensation rate is a non-negative amount, a currency and its source");
    }
  }

  /** The rate the regime sets, or empty when it sets none (every built-in regime today). */
  public static Optional<CompensationRate> forRegime(String regime) {
    return Optional.ofNullable(BY_REGIME.get(regime));
  }
}
