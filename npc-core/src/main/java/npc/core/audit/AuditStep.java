package npc.core.audit;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collections;
import java.util.HexFormat;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.UUID;
import npc.core.carrier.CarrierId;

/**
 * What the core reports of one step, refusal or disconnection: everything an audit entry holds except its place in
 * a chain (the audit module's {@code AuditRecord}, field for field; {@code audit/docs/detectors.md} fixes what each
 * kind carries). Immutable; the {@code with} methods return a copy with one more field.
 *
 * @param id one id per step: the id the step's write leaves on {@link #row()}, and the same whichever instance
 *     records the entry, so that a step recorded twice (by its instance and by a sweep) counts once
 * @param at when the step took effect, to the millisecond (the core's clock)
 * @param actor the carrier that acted; empty when the clearinghouse acted on its own (a deadline)
 * @param subscriber the subscriber's keyed digest, hex; never the identity
 * @param row where the step's write leaves {@link #id()}; empty for a refusal or a disconnection, which write nothing
 */
public record AuditStep(UUID id, Instant at, AuditKind kind, Optional<String> actor, Optional<String> subject,
    Optional<String> msisdn, Optional<String> stateBefore, Optional<String> stateAfter, Optional<String> reason,
    SortedMap<String, String> evidence, Optional<Instant> deadline, Optional<String> subscriber,
    Optional<StepRow> row) {

  private static final java.time.format.DateTimeFormatter EVIDENCE_TIME =
      java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(java.time.ZoneOffset.UTC);

  public AuditStep {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(kind, "kind");
    evidence = Collections.unmodifiableSortedMap(new TreeMap<>(evidence));
  }

  /** A step of {@code kind} at {@code at} (cut to the millisecond) with nothing else yet. */
  public static AuditStep of(UUID id, AuditKind kind, Instant at) {
    return new AuditStep(id, at.truncatedTo(ChronoUnit.MILLIS), kind, Optional.empty(), Optional.empty(),
        Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), new TreeMap<>(), Optional.empty(),
        Optional.empty(), Optional.empty());
  }

  /** An instant as evidence: ISO-8601 UTC with milliseconds, as the entry contract fixes. */
  public static String instant(Instant at) {
    return EVIDENCE_TIME.format(at);
  }

  public AuditStep withActor(CarrierId carrier) {
    return new AuditStep(id, at, kind, Optional.of(carrier.value()), subject, msisdn, stateBefore, stateAfter, reason,
        evidence, deadline, subscriber, row);
  }

  /**
   * An actor that is not a carrier: a user of the clearinghouse's API ({@code ROLE:<token id>}), whose steps the
   * record must attribute as well. The colon keeps it apart from every carrier id.
   */
  public AuditStep withActorName(String name) {
    if (name.isBlank() || !name.contains(":")) {
      throw new IllegalArgumentException("an actor other than a carrier is ROLE:<id>, not '" + name + "'");
    }
    return new AuditStep(id, at, kind, Optional.of(name), subject, msisdn, stateBefore, stateAfter, reason,
        evidence, deadline, subscriber, row);
  }

  /** The port, query or code it concerns ({@code subject}), and the number. */
  public AuditStep about(String subjectId, String number) {
    return new AuditStep(id, at, kind, actor, Optional.of(subjectId), Optional.of(number), stateBefore, stateAfter,
        reason, evidence, deadline, subscriber, row);
  }

  /** The subject alone, for a step whose number the write does not name (a request rejected by a check). */
  public AuditStep withSubject(String subjectId) {
    return new AuditStep(id, at, kind, actor, Optional.of(subjectId), msisdn, stateBefore, stateAfter, reason,
        evidence, deadline, subscriber, row);
  }

  public AuditStep withStates(String before, String after) {
    return new AuditStep(id, at, kind, actor, subject, msisdn, Optional.of(before), Optional.of(after), reason,
        evidence, deadline, subscriber, row);
  }

  public AuditStep withReason(String code) {
    return new AuditStep(id, at, kind, actor, subject, msisdn, stateBefore, stateAfter, Optional.of(code), evidence,
        deadline, subscriber, row);
  }

  /** This step with {@code key} = {@code value} added to its evidence. */
  public AuditStep with(String key, String value) {
    TreeMap<String, String> more = new TreeMap<>(evidence);
    more.put(key, value);
    return withEvidence(more);
  }

  /** This step with every entry of {@code facts} added to its evidence. */
  public AuditStep withAll(Map<String, String> facts) {
    TreeMap<String, String> more = new TreeMap<>(evidence);
    more.putAll(facts);
    return withEvidence(more);
  }

  public AuditStep withDeadline(Instant due) {
    return new AuditStep(id, at, kind, actor, subject, msisdn, stateBefore, stateAfter, reason, evidence,
        Optional.of(due.truncatedTo(ChronoUnit.MILLIS)), subscriber, row);
  }

  public AuditStep withSubscriber(byte[] digest) {
    return new AuditStep(id, at, kind, actor, subject, msisdn, stateBefore, stateAfter, reason, evidence, deadline,
        Optional.of(HexFormat.of().formatHex(digest)), row);
  }

  public AuditStep withRow(StepRow where) {
    return new AuditStep(id, at, kind, actor, subject, msisdn, stateBefore, stateAfter, reason, evidence, deadline,
        subscriber, Optional.of(where));
  }

  private AuditStep withEvidence(SortedMap<String, String> facts) {
    return new AuditStep(id, at, kind, actor, subject, msisdn, stateBefore, stateAfter, reason, facts, deadline,
        subscriber, row);
  }
}
