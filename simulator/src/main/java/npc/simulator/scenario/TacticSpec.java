package npc.simulator.scenario;

import java.time.Duration;
import java.util.Optional;

/** One tactic of a carrier with its parameters, as the scenario file gives them. */
public sealed interface TacticSpec {

  /** Which tactic this is. */
  default Tactic tactic() {
    return Tactic.of(getClass());
  }

  /** Rejects subscribers who lack the condition, with made-up evidence; on a retry at the same rate again. */
  record FalseReason(double rate, String reason, double lieAtQuery, EvidenceKind evidence) implements TacticSpec {}

  /** Rejects every attempt for the targeted share of its numbers, citing a different reason each time. */
  record RepeatRejection(double share) implements TacticSpec {}

  /** Never answers this share of the ports against it. */
  record Silence(double rate) implements TacticSpec {}

  /** Never answers this share of the eligibility queries to it. */
  record IgnoreEligibility(double rate) implements TacticSpec {}

  /** Tries a reason off the closed list first, on this share of the ports against it. */
  record OffListReason(double rate) implements TacticSpec {}

  /** Claims a reason the clearinghouse can refute from its own data, on this share of the ports against it. */
  record RefutableClaim(double rate, String reason) implements TacticSpec {}

  /** Acknowledges this share of route changes {@code delay} late. */
  record SlowRoutingAck(double rate, Duration delay) implements TacticSpec {}

  /** Confirms this share of deactivations {@code delay} late, or never when {@code delay} is empty. */
  record LateDeactivation(double rate, Optional<Duration> delay) implements TacticSpec {}

  /** Pressures this share of the subscribers porting away, who then have the recipient cancel. */
  record Retention(double rate) implements TacticSpec {}

  /**
   * As recipient: this share of its ports are for subscribers who never asked, sent in bursts of {@code burst}
   * through one channel.
   */
  record BulkChannel(double share, int burst) implements TacticSpec {}

  /** As recipient: on this share of its ports, first tries authorisation codes it does not have. */
  record CodeGuessing(double rate) implements TacticSpec {}

  /** Whether made-up evidence is new for each rejection or one value cited for many numbers. */
  enum EvidenceKind {
    FRESH,
    REUSED
  }
}
