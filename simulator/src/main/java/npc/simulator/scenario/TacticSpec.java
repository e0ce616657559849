package npc.simulator.scenario;

import java.time.Duration;
import java.util.Optional;

/** One tactic of a carrier with its parameters, as the scenario file gives them. */
public sealed interface TacticSpec {

  /** Which tactic this is. */
  Tactic tactic();

  /** Rejects subscribers who lack the condition, with made-up evidence; on a retry at the same rate again. */
  record FalseReason(double rate, String reason, double lieAtQuery, EvidenceKind evidence) implements TacticSpec {
    @Override
    public Tactic tactic() {
      return Tactic.FALSE_REASON;
    }
  }

  /** Rejects every attempt for the targeted share of its numbers, citing a different reason each time. */
  record RepeatRejection(double share) implements TacticSpec {
    @Override
    public Tactic tactic() {
      return Tactic.REPEAT_REJECTION;
    }
  }

  /** Never answers this share of the ports against it. */
  record Silence(double rate) implements TacticSpec {
    @Override
    public Tactic tactic() {
      return Tactic.SILENCE;
    }
  }

  /** Never answers this share of the eligibility queries to it. */
  record IgnoreEligibility(double rate) implements TacticSpec {
    @Override
    public Tactic tactic() {
      return Tactic.IGNORE_ELIGIBILITY;
    }
  }

  /** Tries a reason off the closed list first, on this share of the ports against it. */
  record OffListReason(double rate) implements TacticSpec {
    @Override
    public Tactic tactic() {
      return Tactic.OFF_LIST_REASON;
    }
  }

  /** Claims a reason the clearinghouse can refute from its own data, on this share of the ports against it. */
  record RefutableClaim(double rate, String reason) implements TacticSpec {
    @Override
    public Tactic tactic() {
      return Tactic.REFUTABLE_CLAIM;
    }
  }

  /** Acknowledges this share of route changes {@code delay} late. */
  record SlowRoutingAck(double rate, Duration delay) implements TacticSpec {
    @Override
    public Tactic tactic() {
      return Tactic.SLOW_ROUTING_ACK;
    }
  }

  /** Confirms this share of deactivations {@code delay} late, or never when {@code delay} is empty. */
  record LateDeactivation(double rate, Optional<Duration> delay) implements TacticSpec {
    @Override
    public Tactic tactic() {
      return Tactic.LATE_DEACTIVATION;
    }
  }

  /** Pressures this share of the subscribers porting away, who then have the recipient cancel. */
  record Retention(double rate) implements TacticSpec {
    @Override
    public Tactic tactic() {
      return Tactic.RETENTION;
    }
  }

  /**
   * As recipient: this share of its ports are for subscribers who never asked, sent in bursts of {@code burst}
   * through one channel.
   */
  record BulkChannel(double share, int burst) implements TacticSpec {
    @Override
    public Tactic tactic() {
      return Tactic.BULK_CHANNEL;
    }
  }

  /** As recipient: on this share of its ports, first tries authorisation codes it does not have. */
  record CodeGuessing(double rate) implements TacticSpec {
    @Override
    public Tactic tactic() {
      return Tactic.CODE_GUESSING;
    }
  }

  /** Whether made-up evidence is new for each rejection or one value cited for many numbers. */
  enum EvidenceKind {
    FRESH,
    REUSED
  }
}
