package npc.audit.record;

import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.UUID;

/**
 * What happened, as the core reports it: everything an entry holds except its place in a chain. Times are whole
 * milliseconds (the precision the core and Cassandra keep), so that an entry read back encodes to the same bytes.
 * No field holds a subscriber's name or ID number: the subscriber appears only as the keyed digest the core stores.
 *
 * @param step one id per applied step, the same whichever instance writes the entry (a step recovered after a crash
 *     keeps it); two entries with one step id are one step
 * @param actor the carrier that acted; empty when the clearinghouse acted on its own (a deadline, a sweep)
 * @param kind an {@link npc.core.audit.AuditKind} name (upper case, digits and underscores)
 * @param subject the port or query id, as text
 * @param evidence the reason's evidence and anything else the kind documents, sorted by key
 * @param deadline the deadline in force for the step
 * @param subscriber the subscriber's keyed digest (HMAC-SHA256 under the identity key)
 */
public record AuditRecord(
    UUID step,
    Instant at,
    Optional<String> actor,
    String kind,
    Optional<String> subject,
    Optional<String> msisdn,
    Optional<String> stateBefore,
    Optional<String> stateAfter,
    Optional<String> reason,
    SortedMap<String, String> evidence,
    Optional<Instant> deadline,
    Optional<Bytes32> subscriber) {

  public AuditRecord {
    Objects.requireNonNull(step, "step");
    requireMillis(at, "at");
    text(actor, "actor");
    Objects.requireNonNull(kind, "kind");
    if (!isKind(kind)) {
      throw new IllegalArgumentException("an entry's kind is upper case, digits and underscores: \"" + kind + "\"");
    }
    text(subject, "subject");
    text(msisdn, "msisdn");
    text(stateBefore, "stateBefore");
    text(stateAfter, "stateAfter");
    text(reason, "reason");
    TreeMap<String, String> copy = new TreeMap<>(CanonicalOrder.UTF8);
    for (Map.Entry<String, String> e : Objects.requireNonNull(evidence, "evidence").entrySet()) {
      copy.put(requireText(e.getKey(), "evidence key"), requireText(e.getValue(), "evidence value"));
    }
    evidence = Collections.unmodifiableSortedMap(copy);
    Objects.requireNonNull(deadline, "deadline").ifPresent(d -> requireMillis(d, "deadline"));
    Objects.requireNonNull(subscriber, "subscriber");
  }

  /** A record of {@code kind} with only the step, time and kind; the others are added with the {@code with} calls. */
  public static AuditRecord of(UUID step, Instant at, String kind) {
    return new AuditRecord(step, at, Optional.empty(), kind, Optional.empty(), Optional.empty(), Optional.empty(),
        Optional.empty(), Optional.empty(), new TreeMap<>(), Optional.empty(), Optional.empty());
  }

  public AuditRecord withActor(String carrier) {
    return new AuditRecord(step, at, Optional.of(carrier), kind, subject, msisdn, stateBefore, stateAfter, reason,
        evidence, deadline, subscriber);
  }

  public AuditRecord withSubject(String id, String number) {
    return new AuditRecord(step, at, actor, kind, Optional.of(id), Optional.of(number), stateBefore, stateAfter,
        reason, evidence, deadline, subscriber);
  }

  public AuditRecord withStates(String before, String after) {
    return new AuditRecord(step, at, actor, kind, subject, msisdn, Optional.of(before), Optional.of(after), reason,
        evidence, deadline, subscriber);
  }

  public AuditRecord withReason(String code, Map<String, String> facts) {
    return new AuditRecord(step, at, actor, kind, subject, msisdn, stateBefore, stateAfter, Optional.of(code),
        new TreeMap<>(facts), deadline, subscriber);
  }

  public AuditRecord withEvidence(Map<String, String> facts) {
    return new AuditRecord(step, at, actor, kind, subject, msisdn, stateBefore, stateAfter, reason,
        new TreeMap<>(facts), deadline, subscriber);
  }

  public AuditRecord withDeadline(Instant due) {
    return new AuditRecord(step, at, actor, kind, subject, msisdn, stateBefore, stateAfter, reason, evidence,
        Optional.of(due), subscriber);
  }

  public AuditRecord withSubscriber(Bytes32 digest) {
    return new AuditRecord(step, at, actor, kind, subject, msisdn, stateBefore, stateAfter, reason, evidence,
        deadline, Optional.of(digest));
  }

  /** {@code [A-Z][A-Z0-9_]{0,63}}, checked by hand: a verifier checks every entry's kind, and a regex costs more. */
  public static boolean isKind(String kind) {
    if (kind.isEmpty() || kind.length() > 64 || kind.charAt(0) < 'A' || kind.charAt(0) > 'Z') {
      return false;
    }
    for (int i = 1; i < kind.length(); i++) {
      char c = kind.charAt(i);
      if (!(c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_')) {
        return false;
      }
    }
    return true;
  }

  static void requireMillis(Instant instant, String name) {
    Objects.requireNonNull(instant, name);
    if (instant.getNano() % 1_000_000 != 0) {
      throw new IllegalArgumentException(name + " must be whole milliseconds, the record's precision: " + instant);
    }
  }

  private static void text(Optional<String> value, String name) {
    Objects.requireNonNull(value, name).ifPresent(v -> requireText(v, name));
  }

  /** Text the canonical encoding can hold exactly: no unpaired surrogate, which UTF-8 cannot represent. */
  static String requireText(String value, String name) {
    Objects.requireNonNull(value, name);
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (Character.isHighSurrogate(c) && i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))) {
        i++;
      } else if (Character.isSurrogate(c)) {
        throw new IllegalArgumentException(name + " holds an unpaired surrogate at index " + i
            + ": it has no UTF-8 encoding");
      }
    }
    return value;
  }
}
