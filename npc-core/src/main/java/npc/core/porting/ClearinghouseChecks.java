package npc.core.porting;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import npc.core.authcode.AuthorisationCodes;
import npc.core.numbering.Msisdn;
import npc.core.numbering.NumberRange;
import npc.core.regime.Regime;

/**
 * The checks the clearinghouse makes from its own data before a donor sees a port (DESIGN.md section 3): portable
 * block, no other open port, lock period over, and an authorisation code that is valid (not voided after too many
 * mismatches), unexpired, unused and bound to this number and subscriber.
 */
final class ClearinghouseChecks {
  private final Regime regime;
  private final AuthorisationCodes codes;

  ClearinghouseChecks(Regime regime, AuthorisationCodes codes) {
    this.regime = regime;
    this.codes = codes;
  }

  /** The first check that fails, or empty when the port may go to its donor. */
  Optional<PortOutcome.RejectedByClearinghouse> failure(UUID portId, Msisdn msisdn, NumberRange range,
      NumberState number, byte[] subscriberDigest, String code, Instant now) {
    Optional<RejectionCode> eligibility = eligibility(range, number, Optional.of(portId), now);
    if (eligibility.isPresent()) {
      return Optional.of(reject(portId, eligibility.get(), describe(eligibility.get(), msisdn, number)));
    }
    if (number.code().isEmpty() && number.codeVoided()) {
      return Optional.of(reject(portId, RejectionCode.CODE_VOIDED, "the authorisation code for " + msisdn
          + " was void after " + regime.code().maxMismatches() + " mismatches; the subscriber needs a new one"));
    }
    if (number.code().isEmpty()) {
      return Optional.of(reject(portId, RejectionCode.NO_CODE, "no authorisation code was issued for " + msisdn
          + ", or it expired"));
    }
    NumberState.StoredCode stored = number.code().get();
    if (stored.usedBy().isPresent() && !stored.usedBy().get().equals(portId)) {
      return Optional.of(reject(portId, RejectionCode.CODE_USED, "the authorisation code was already used"));
    }
    if (!now.isBefore(stored.expiresAt())) {
      return Optional.of(reject(portId, RejectionCode.CODE_EXPIRED, "the authorisation code expired at "
          + stored.expiresAt()));
    }
    if (!codes.matches(stored.hash(), stored.salt(), msisdn.toString(), subscriberDigest, code)) {
      return Optional.of(reject(portId, RejectionCode.CODE_MISMATCH, "the authorisation code does not match this "
          + "number and subscriber"));
    }
    return Optional.empty();
  }

  /**
   * Whether the number may be ported at all now: portable block, no open port (other than {@code ownPort}),
   * lock period over. Also decides codes issued only for eligible numbers, and donor claims of these reasons.
   */
  Optional<RejectionCode> eligibility(NumberRange range, NumberState number, Optional<UUID> ownPort, Instant now) {
    if (!range.portable()) {
      return Optional.of(RejectionCode.NON_PORTABLE_RANGE);
    }
    if (number.openPort().isPresent() && !number.openPort().equals(ownPort)) {
      return Optional.of(RejectionCode.PORT_ALREADY_OPEN);
    }
    if (inLockPeriod(number, now)) {
      return Optional.of(RejectionCode.LOCK_PERIOD);
    }
    return Optional.empty();
  }

  boolean inLockPeriod(NumberState number, Instant now) {
    return number.lastPortedAt().map(last -> now.isBefore(last.plus(regime.lockPeriod()))).orElse(false);
  }

  private String describe(RejectionCode code, Msisdn msisdn, NumberState number) {
    return switch (code) {
      case NON_PORTABLE_RANGE -> msisdn + " belongs to a non-portable block";
      case PORT_ALREADY_OPEN -> "another port of " + msisdn + " is open";
      case LOCK_PERIOD -> msisdn + " was ported at " + number.lastPortedAt().orElseThrow() + "; the lock period of "
          + readable(regime.lockPeriod()) + " has not passed";
      default -> code.name();
    };
  }

  static String readable(java.time.Duration d) {
    return d.toSeconds() % 86_400 == 0 ? d.toDays() + " days" : d.toSeconds() + " s";
  }

  private static PortOutcome.RejectedByClearinghouse reject(UUID portId, RejectionCode code, String detail) {
    return new PortOutcome.RejectedByClearinghouse(portId, code, detail);
  }
}
