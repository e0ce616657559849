package npc.audit.findings;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import npc.audit.detect.Detection;
import npc.audit.detect.FindingsJson;

/**
 * One result of a detectors' round as it is kept: a finding, a carrier's insufficient data for a rule, or a signal,
 * with the window it was judged over and the JSON line {@code ./npc audit findings} prints for it (so what the
 * service keeps and what a regulator recomputes from an export compare as text).
 *
 * <p>Its identity ({@code carrier}, {@code rule}, {@code type}, {@code key}) is what a later round overwrites: one
 * insufficient-data row per carrier and rule, one signal per carrier and metric, and one finding per carrier, rule
 * and first evidence entry. As the window slides past a finding's first entry, the next round keeps a new row and the
 * old one stays, stating the window in which it held.
 *
 * @param rule the rule id; for a signal, its metric
 * @param type {@code finding}, {@code insufficient} or {@code signal}
 * @param key a finding's first evidence entry ({@code chain#position}); empty otherwise
 */
public record KeptFinding(String carrier, String rule, String type, String key, Instant from, Instant to,
    Instant computedAt, String line) {

  public KeptFinding {
    Objects.requireNonNull(carrier, "carrier");
    Objects.requireNonNull(rule, "rule");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    Objects.requireNonNull(computedAt, "computedAt");
    Objects.requireNonNull(line, "line");
  }

  /** Every result of {@code detection}, judged over {@code [from, to)} by the round at {@code computedAt}. */
  public static List<KeptFinding> of(Detection detection, Instant from, Instant to, Instant computedAt) {
    List<KeptFinding> kept = new ArrayList<>();
    detection.findings().forEach(f -> kept.add(new KeptFinding(f.carrier(), f.rule().name(), "finding",
        f.evidence().get(0).toString(), from, to, computedAt, FindingsJson.line(f))));
    detection.insufficient().forEach(i -> kept.add(new KeptFinding(i.carrier(), i.rule().name(), "insufficient", "",
        from, to, computedAt, FindingsJson.line(i))));
    detection.signals().forEach(s -> kept.add(new KeptFinding(s.carrier(), s.metric(), "signal", "", from, to,
        computedAt, FindingsJson.line(s))));
    return kept;
  }

  /** Whether the window it was judged over meets {@code [start, end)}. */
  public boolean overlaps(Instant start, Instant end) {
    return from.isBefore(end) && start.isBefore(to);
  }
}
