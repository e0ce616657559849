package npc.ops.conduct;

import io.micronaut.json.JsonMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import npc.audit.findings.FindingStore;
import npc.audit.findings.KeptFinding;
import npc.core.audit.AuditKind;
import npc.core.audit.AuditStep;
import npc.core.carrier.Carrier;
import npc.core.porting.Port;
import npc.core.porting.PortingService;
import npc.ops.api.FindingId;
import npc.ops.api.FindingView;

/**
 * Confirms findings and builds the bad-conduct list from the confirmations. A confirmation is kept (once), then
 * recorded as {@code FINDING_CONFIRMED} under a step id derived from the finding, so a retry after a failure between
 * the two records the same step, and a second confirmation is refused with the first one's entry recorded again.
 */
public final class BadConduct {
  /** The most ports of one finding whose channel is looked up: a finding's subjects are a sample, not a census. */
  static final int MAX_CHANNEL_LOOKUPS = 1000;

  private final FindingStore findings;
  private final ConfirmationStore store;
  private final PortingService service;
  private final JsonMapper json;
  private final Clock clock;

  public BadConduct(FindingStore findings, ConfirmationStore store, PortingService service, JsonMapper json,
      Clock clock) {
    this.findings = findings;
    this.store = store;
    this.service = service;
    this.json = json;
    this.clock = clock;
  }

  /** A refused confirmation: the finding does not exist (not found), or was confirmed already; nothing changed. */
  public static final class Refused extends RuntimeException {
    public final boolean notFound;

    Refused(boolean notFound, String detail) {
      super(detail, null, false, false);
      this.notFound = notFound;
    }
  }

  /** One entry of the list: a carrier ({@code channel} empty) or one channel of a carrier, with its findings. */
  public record Entry(Carrier carrier, Optional<String> channel, List<Confirmation> confirmations) {}

  /**
   * Confirms the finding {@code id}, which puts its carrier (and the channels of its ports) on the list.
   *
   * @throws Refused the findings store keeps no such finding (not found), or it was confirmed already
   */
  public Confirmation confirm(String id, String note, String by) {
    FindingId finding = FindingId.parse(id).orElseThrow(() -> new Refused(true, "finding " + id + " does not exist"
        + " (a finding id is CARRIER:RULE:CHAIN:POSITION, as GET /api/v1/findings gives it)"));
    FindingView view = find(finding).orElseThrow(() -> new Refused(true, "finding " + id + " does not exist"));
    Confirmation confirmation = new Confirmation(finding, view, channels(finding.carrier(), view.subjects()), note,
        clock.instant().truncatedTo(ChronoUnit.MILLIS), by);
    Optional<Confirmation> earlier = store.confirm(confirmation);
    if (earlier.isPresent()) {
      service.record(confirmed(earlier.get()));
      throw new Refused(false, "finding " + id + " was confirmed already, at " + earlier.get().at() + " by "
          + earlier.get().by());
    }
    service.record(confirmed(confirmation));
    return confirmation;
  }

  /** The list: per carrier of the regime with confirmed findings, the carrier, then each of its channels. */
  public List<Entry> list() {
    List<Entry> entries = new ArrayList<>();
    for (Carrier carrier : service.regime().carriers().all()) {
      List<Confirmation> confirmed = store.ofCarrier(carrier.id().value());
      if (confirmed.isEmpty()) {
        continue;
      }
      entries.add(new Entry(carrier, Optional.empty(), confirmed));
      TreeMap<String, List<Confirmation>> byChannel = new TreeMap<>();
      for (Confirmation c : confirmed) {
        c.channels().forEach(channel -> byChannel.computeIfAbsent(channel, k -> new ArrayList<>()).add(c));
      }
      byChannel.forEach((channel, cs) -> entries.add(new Entry(carrier, Optional.of(channel), cs)));
    }
    return entries;
  }

  private Optional<FindingView> find(FindingId id) {
    for (KeptFinding k : findings.find(id.carrier(), Optional.of(id.rule()), Instant.EPOCH,
        Instant.parse("9999-12-31T00:00:00Z"))) {
      if (k.type().equals("finding") && k.key().equals(id.key())) {
        return Optional.of(read(k.line()).view());
      }
    }
    return Optional.empty();
  }

  /** The channels of the finding's ports {@code carrier} opened as recipient; subjects that are not ports skip. */
  private Set<String> channels(String carrier, List<String> subjects) {
    Set<String> channels = new TreeSet<>();
    for (String subject : subjects.subList(0, Math.min(subjects.size(), MAX_CHANNEL_LOOKUPS))) {
      Optional<Port> port;
      try {
        port = service.port(UUID.fromString(subject));
      } catch (IllegalArgumentException notAPort) {
        continue;
      }
      port.filter(p -> p.recipient().value().equals(carrier)).ifPresent(p -> channels.add(p.channel()));
    }
    return channels;
  }

  private FindingView.Line read(String line) {
    try {
      return json.readValue(line, FindingView.Line.class);
    } catch (IOException e) {
      throw new UncheckedIOException("a kept finding that does not read: " + line, e);
    }
  }

  private static AuditStep confirmed(Confirmation c) {
    AuditStep step = AuditStep.of(UUID.nameUUIDFromBytes(("finding-confirmed:" + c.finding())
            .getBytes(StandardCharsets.UTF_8)), AuditKind.FINDING_CONFIRMED, c.at())
        .withActorName(c.by()).withSubject(c.finding().toString()).with("carrier", c.finding().carrier())
        .with("rule", c.finding().rule()).with("note", c.note());
    return c.channels().isEmpty() ? step : step.with("channel", String.join(",", c.channels()));
  }
}
