package npc.core.porting;

import java.time.Instant;
import java.util.Optional;
import npc.core.carrier.CarrierId;
import npc.core.event.DomainEvent;
import npc.core.numbering.Msisdn;

/**
 * Port requests whose code does not match (CODE_MISMATCH): each is counted against the number's code by a conditional
 * write on the number, and the one that reaches the regime's limit voids the code in that same write, so that a
 * recipient holding a subscriber's identity cannot try the code space within the code's lifetime. The carrier serving
 * the number is told (the store's notice), and a new code must be issued. Every mismatch is also recorded against the
 * recipient that sent it, for the audit.
 *
 * <p>A request's answer is kept right after its count, so a retry of the request (same idempotency key) gets that
 * answer and counts nothing. Only a first attempt that stopped between the two is counted again by its retry: one
 * mismatch more, never one less.
 */
final class CodeMismatches {
  private final PortingParts parts;

  CodeMismatches(PortingParts parts) {
    this.parts = parts;
  }

  /** What counting a mismatch led to. */
  sealed interface Counted {
    /** Counted (and the code voided, at the limit): the request's answer, already kept for its retries. */
    record Answer(PortOutcome.RejectedByClearinghouse rejection) implements Counted {}

    /** Another request changed the number first (counted, voided, used or replaced its code): check it again. */
    record Changed(NumberState state) implements Counted {}
  }

  /**
   * Counts {@code mismatch}, the checks' answer to a request of {@code recipient} against the number as it was just
   * read ({@code state}, whose code it did not match).
   */
  Counted count(PortOutcome.RejectedByClearinghouse mismatch, Msisdn msisdn, CarrierId recipient, NumberState state,
      Instant now) {
    int max = parts.regime().code().maxMismatches();
    int counted = state.code().orElseThrow().mismatches() + 1;
    boolean voids = counted >= max;
    Optional<NumberState> changed = parts.store().countMismatch(msisdn, state, voids);
    if (changed.isPresent()) {
      return new Counted.Changed(changed.get());
    }
    String consequence = voids
        ? "; that was mismatch " + counted + " of " + max + ": the code is now void, the subscriber needs a new one"
        : "; a code is void after " + max + " mismatches";
    PortOutcome.RejectedByClearinghouse answer = new PortOutcome.RejectedByClearinghouse(mismatch.portId(),
        mismatch.code(), mismatch.detail() + consequence);
    parts.store().recordRejection(answer, now);
    parts.store().recordMismatch(recipient, now, mismatch.portId(), msisdn, counted, voids);
    parts.events().publish(new DomainEvent.CodeMismatch(now, recipient, mismatch.portId(), msisdn, counted, voids));
    if (voids) {
      parts.events().publish(new DomainEvent.CodeVoided(now, msisdn, parts.donorOf(msisdn, state), recipient,
          counted));
    }
    return new Counted.Answer(answer);
  }
}
