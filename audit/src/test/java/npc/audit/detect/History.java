package npc.audit.detect;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import npc.audit.chain.Chain;
import npc.audit.record.AuditEntry;
import npc.core.audit.AuditKind;
import npc.audit.record.AuditRecord;
import npc.audit.record.Bytes32;

/**
 * Builds a constructed history as a real chain of entries (one chain, positions 1, 2, 3, ...), with a helper per
 * step of the contract in {@code docs/detectors.md}, so each detector test reads as the story it tells.
 */
final class History {
  static final Instant T0 = Instant.parse("2026-10-01T00:00:00Z");
  static final Instant END = T0.plus(Duration.ofDays(60));

  private final Chain chain = new Chain("test-chain");
  private final List<AuditEntry> entries = new ArrayList<>();
  private long steps;

  List<AuditEntry> entries() {
    return entries;
  }

  AuditHistory history() {
    return new AuditHistory(entries, T0, END);
  }

  Detection run(Detector detector) {
    return detector.detect(history());
  }

  /** The facts as alternating keys and values. */
  static Map<String, String> facts(String... keyValues) {
    Map<String, String> m = new TreeMap<>();
    for (int i = 0; i < keyValues.length; i += 2) {
      m.put(keyValues[i], keyValues[i + 1]);
    }
    return m;
  }

  AuditEntry add(AuditRecord record) {
    AuditEntry e = chain.append(record);
    entries.add(e);
    return e;
  }

  AuditRecord record(AuditKind kind, Instant at) {
    return AuditRecord.of(new UUID(0x5ee9, ++steps), at, kind.name());
  }

  static Bytes32 subscriber(int n) {
    byte[] b = new byte[32];
    Arrays.fill(b, (byte) n);
    b[0] = (byte) (n >> 8);
    return Bytes32.of(b);
  }

  static String number(int n) {
    return String.format("1380000%04d", n);
  }

  AuditEntry opened(String port, String number, String recipient, String donor, Instant at) {
    return opened(port, number, recipient, donor, at, "shop-1", subscriber(number.hashCode() & 0xffff));
  }

  AuditEntry opened(String port, String number, String recipient, String donor, Instant at, String channel,
      Bytes32 subscriber) {
    return opened(port, number, recipient, donor, at, channel, subscriber, Duration.ofMinutes(30));
  }

  /** A port whose donor has {@code window} to answer (the regime's donor answer deadline). */
  AuditEntry opened(String port, String number, String recipient, String donor, Instant at, Duration window) {
    return opened(port, number, recipient, donor, at, "shop-1", subscriber(number.hashCode() & 0xffff), window);
  }

  private AuditEntry opened(String port, String number, String recipient, String donor, Instant at, String channel,
      Bytes32 subscriber, Duration window) {
    return add(record(AuditKind.PORT_OPENED, at).withActor(recipient).withSubject(port, number)
        .withStates("SUBMITTED", "PENDING_DONOR")
        .withEvidence(facts("donor", donor, "recipient", recipient, "channel", channel, "subscriberType",
            "INDIVIDUAL"))
        .withDeadline(at.plus(window)).withSubscriber(subscriber));
  }

  AuditEntry deemed(String port, String number, String donor, Instant toldAt, Instant deadline) {
    Map<String, String> f = toldAt == null ? facts("donor", donor) : facts("donor", donor, "toldAt",
        toldAt.toString());
    return add(record(AuditKind.PORT_DEEMED_ACCEPTED, deadline).withSubject(port, number)
        .withStates("PENDING_DONOR", "DEEMED_ACCEPTED").withEvidence(f).withDeadline(deadline));
  }

  AuditEntry accepted(String port, String number, String donor, Instant at) {
    return add(record(AuditKind.PORT_ACCEPTED, at).withActor(donor).withSubject(port, number)
        .withStates("PENDING_DONOR", "ACCEPTED"));
  }

  AuditEntry rejected(String port, String number, String donor, Instant at, String reason, String... facts) {
    return add(record(AuditKind.PORT_REJECTED_BY_DONOR, at).withActor(donor).withSubject(port, number)
        .withStates("PENDING_DONOR", "REJECTED_BY_DONOR").withReason(reason, facts(facts)));
  }

  AuditEntry refused(AuditKind kind, String port, String number, String carrier, Instant at, String reason,
      String... facts) {
    return add(record(kind, at).withActor(carrier).withSubject(port, number).withReason(reason, facts(facts)));
  }

  AuditEntry queryOpened(String query, String number, String asker, String donor, Instant at) {
    return queryOpened(query, number, asker, donor, at, Duration.ofSeconds(60));
  }

  /** A query whose donor has {@code window} to answer (the regime's eligibility answer deadline). */
  AuditEntry queryOpened(String query, String number, String asker, String donor, Instant at, Duration window) {
    return add(record(AuditKind.QUERY_OPENED, at).withActor(asker).withSubject(query, number)
        .withStates("NONE", "PENDING").withEvidence(facts("donor", donor, "subscriberType", "INDIVIDUAL"))
        .withDeadline(at.plus(window)));
  }

  AuditEntry queryAnswered(String query, String number, String donor, Instant at, boolean eligible) {
    return add(record(AuditKind.QUERY_ANSWERED, at).withActor(donor).withSubject(query, number)
        .withStates("PENDING", "ANSWERED").withEvidence(facts("eligible", String.valueOf(eligible), "reasons", "")));
  }

  AuditEntry queryExpired(String query, String number, String donor, Instant toldAt, Instant deadline) {
    Map<String, String> f = toldAt == null ? facts("donor", donor) : facts("donor", donor, "toldAt",
        toldAt.toString());
    return add(record(AuditKind.QUERY_EXPIRED, deadline).withSubject(query, number).withStates("PENDING", "EXPIRED")
        .withEvidence(f).withDeadline(deadline));
  }

  AuditEntry fact(AuditKind kind, String subject, String number, String actor, Instant at, String... facts) {
    AuditRecord r = record(kind, at).withSubject(subject, number).withEvidence(facts(facts));
    return add(actor == null ? r : r.withActor(actor));
  }
}
