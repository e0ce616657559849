package npc.core.audit;

import java.util.UUID;

/**
 * Where a step leaves its id when it applies: the row its write changes. Whether a step applied is then the
 * membership of one id in one row (or, for a fact written once, the row's existence), never a guess from a state
 * that a later step may have overwritten. Encoded as text for the audit's intents table.
 */
public sealed interface StepRow {

  /** The text an intent keeps: a tag and the row's key, separated by spaces (no key holds a space). */
  String encode();

  /** A port's row of {@code numbers}: column {@code audit_steps}. */
  record PortRow(String msisdn, UUID port) implements StepRow {
    public String encode() {
      return "port " + msisdn + " " + port;
    }
  }

  /** A number's static columns of {@code numbers} (its code, its route): column {@code number_audit_steps}. */
  record NumberRow(String msisdn) implements StepRow {
    public String encode() {
      return "number " + msisdn;
    }
  }

  /** An eligibility query's row: column {@code audit_steps}. */
  record QueryRow(UUID query) implements StepRow {
    public String encode() {
      return "query " + query;
    }
  }

  /** A request the clearinghouse rejected: its row of {@code request_outcomes} exists once the step applied. */
  record RejectionRow(UUID port) implements StepRow {
    public String encode() {
      return "rejection " + port;
    }
  }

  /** A carrier's fact about a port (acknowledgement, deactivation): its row of {@code port_facts}. */
  record FactRow(UUID port, String fact, String carrier) implements StepRow {
    public String encode() {
      return "fact " + port + " " + fact + " " + carrier;
    }
  }

  /** A route change published to the routing log: its row of {@code published_routes} holds the log position. */
  record RouteRow(UUID change, long version) implements StepRow {
    public String encode() {
      return "route " + change + " " + version;
    }
  }

  /** Reads back what {@link #encode()} wrote. */
  static StepRow decode(String text) {
    String[] p = text.split(" ");
    return switch (p[0]) {
      case "port" -> new PortRow(p[1], UUID.fromString(p[2]));
      case "number" -> new NumberRow(p[1]);
      case "query" -> new QueryRow(UUID.fromString(p[1]));
      case "rejection" -> new RejectionRow(UUID.fromString(p[1]));
      case "fact" -> new FactRow(UUID.fromString(p[1]), p[2], p[3]);
      case "route" -> new RouteRow(UUID.fromString(p[1]), Long.parseLong(p[2]));
      default -> throw new IllegalArgumentException("not a step row: " + text);
    };
  }
}
