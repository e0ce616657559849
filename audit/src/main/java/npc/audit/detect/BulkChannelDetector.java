package npc.audit.detect;

import static npc.audit.detect.AuditHistory.fact;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import npc.audit.record.AuditEntry;
import npc.audit.record.Bytes32;
import npc.core.audit.AuditKind;

/**
 * {@code BULK_CHANNEL}: one recipient channel submitting a burst of ports for many different subscribers that its
 * own rate cannot explain (proxy porting: an agent porting subscribers who never asked).
 *
 * <p>Why a scan statistic and not a count: a busy honest shop carries many subscribers a minute, a quiet agent a few
 * an hour; what gives proxy porting away is a burst improbable for the channel's own rate, at any volume. Per
 * recipient (the actor of {@code PORT_OPENED}) and {@code channel}, and per scale w of 1 s, 2 s, 4 s, ... up to
 * {@link DetectorSettings#bulkWindow()}, k is the most distinct subscribers (keyed digests: one subscriber's many
 * numbers are one) in a sliding window of length w. The channel's rate λ is the greater of its rate outside that
 * window (its other ports over the rest of the time it was active, first port to last, at least w) and the
 * recipient's mean rate per channel (over the time the recipient was active), so the burst never raises its own expectation, a new channel is
 * judged by its recipient's, and a shop busy only part of the period is judged by its busy hours. Any window
 * of length w lies in one of ceil(T/w) fixed windows of length 2w (T the time the input covers in the period), so
 * P(scan ≥ k) ≤ ceil(T/w) · P(Poisson(2λw) ≥ k), a bound that holds whatever the window's position. A window is a
 * burst when k ≥ {@link DetectorSettings#bulkMinBurst()} and that bound, times the number of (channel, scale) tests
 * of the run (Bonferroni), is at most {@link DetectorSettings#bulkAlpha()}. Overlapping burst windows of a channel
 * are one burst, proved by its most improbable window's ports. Source: the audit issue's table (MIIT 2019 rules: a
 * port is the subscriber's own request, made in person or by them).
 */
public final class BulkChannelDetector implements Detector {
  private final DetectorSettings settings;

  public BulkChannelDetector(DetectorSettings settings) {
    this.settings = settings;
  }

  @Override
  public Rule rule() {
    return Rule.BULK_CHANNEL;
  }

  /** A window of a channel's ports, [first, last] by index, with its bound. */
  private record Window(int first, int last, double p) {}

  @Override
  public Detection detect(AuditHistory history) {
    Map<String, Map<String, List<AuditEntry>>> byRecipient = new TreeMap<>();
    for (AuditEntry opened : history.inPeriod(AuditKind.PORT_OPENED)) {
      if (opened.record().actor().isPresent() && opened.record().subscriber().isPresent()) {
        byRecipient.computeIfAbsent(opened.record().actor().get(), r -> new TreeMap<>())
            .computeIfAbsent(fact(opened, "channel").orElse(""), c -> new ArrayList<>()).add(opened);
      }
    }
    List<Instant> span = observed(history);
    double seconds = Math.max(1, Duration.between(span.get(0), span.get(1)).toMillis() / 1000.0);
    List<Duration> scales = scales();
    long tests = (long) scales.size() * byRecipient.values().stream().mapToLong(Map::size).sum();
    Tally tally = new Tally(rule(), settings.bulk());
    byRecipient.forEach((recipient, channels) -> {
      double typical = channels.values().stream().mapToLong(List::size).sum() / (double) channels.size()
          / active(channels.values().stream().flatMap(List::stream).toList());
      channels.values().forEach(ports -> {
        List<Window> windows = new ArrayList<>();
        for (Duration w : scales) {
          windows.addAll(bursts(ports, w, seconds, typical, tests));
        }
        for (Window burst : merged(windows)) {
          tally.offence(recipient, ports.subList(burst.first(), burst.last() + 1));
        }
      });
    });
    return tally.result(history, (carrier, count, sample) -> carrier + " submitted " + count + " burst(s) of ports "
        + "for at least " + settings.bulkMinBurst() + " different subscribers from one channel, improbable at that "
        + "channel's own rate");
  }

  /** The time the input covers within the period: from its first entry (or the period's start) to its last. */
  private static List<Instant> observed(AuditHistory history) {
    List<AuditEntry> all = history.entries();
    Instant from = history.from();
    Instant to = history.to();
    if (!all.isEmpty()) {
      Instant first = all.get(0).record().at();
      Instant last = all.get(all.size() - 1).record().at();
      from = first.isAfter(from) ? first : from;
      to = last.isBefore(to) ? last : to;
    }
    return to.isAfter(from) ? List.of(from, to) : List.of(from, from);
  }

  /** Seconds from the first to the last of {@code ports} (at least 1). */
  private static double active(List<AuditEntry> ports) {
    Instant first = ports.stream().map(p -> p.record().at()).min(Instant::compareTo).orElseThrow();
    Instant last = ports.stream().map(p -> p.record().at()).max(Instant::compareTo).orElseThrow();
    return Math.max(1, Duration.between(first, last).toMillis() / 1000.0);
  }

  private List<Duration> scales() {
    List<Duration> scales = new ArrayList<>();
    for (Duration w = Duration.ofSeconds(1); w.compareTo(settings.bulkWindow()) <= 0; w = w.multipliedBy(2)) {
      scales.add(w);
    }
    return scales;
  }

  /** The windows of length {@code w} (each ending at a port) that are bursts at that scale. */
  private List<Window> bursts(List<AuditEntry> ports, Duration w, double seconds, double typical, long tests) {
    double ws = w.toMillis() / 1000.0;
    long fixed = (long) Math.ceil(seconds / ws);
    Map<Bytes32, Integer> inWindow = new HashMap<>();
    List<Window> found = new ArrayList<>();
    double active = active(ports);
    int start = 0;
    for (int end = 0; end < ports.size(); end++) {
      inWindow.merge(ports.get(end).record().subscriber().get(), 1, Integer::sum);
      Instant opens = ports.get(end).record().at().minus(w);
      while (!ports.get(start).record().at().isAfter(opens)) {
        inWindow.merge(ports.get(start).record().subscriber().get(), -1, (a, b) -> a + b == 0 ? null : a + b);
        start++;
      }
      int k = inWindow.size();
      if (k >= settings.bulkMinBurst()) {
        int outside = ports.size() - (end - start + 1);
        double rate = Math.max(outside / Math.max(active - ws, ws), typical);
        double p = fixed * PoissonTail.atLeast(k, 2 * rate * ws);
        if (p * tests <= settings.bulkAlpha()) {
          found.add(new Window(start, end, p));
        }
      }
    }
    return found;
  }

  /** Overlapping windows as one burst each, kept as its most improbable window (the largest on a tie). */
  private static List<Window> merged(List<Window> windows) {
    List<Window> sorted = new ArrayList<>(windows);
    sorted.sort((a, b) -> a.first() != b.first() ? Integer.compare(a.first(), b.first())
        : Integer.compare(a.last(), b.last()));
    List<Window> bursts = new ArrayList<>();
    int reach = -1;
    Window best = null;
    for (Window window : sorted) {
      if (best != null && window.first() > reach) {
        bursts.add(best);
        best = null;
      }
      if (best == null || window.p() < best.p()
          || window.p() == best.p() && window.last() - window.first() > best.last() - best.first()) {
        best = window;
      }
      reach = Math.max(reach, window.last());
    }
    if (best != null) {
      bursts.add(best);
    }
    return bursts;
  }
}
