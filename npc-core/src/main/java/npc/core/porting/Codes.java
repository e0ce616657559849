package npc.core.porting;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import npc.core.authcode.AuthorisationCodes;
import npc.core.carrier.CarrierId;
import npc.core.deadline.Deadline;
import npc.core.event.DomainEvent;
import npc.core.identity.SubscriberIdentity;
import npc.core.numbering.Msisdn;
import npc.core.numbering.NumberRange;

/**
 * Authorisation codes (CN: SQXZ): issued at the serving carrier's request for its subscriber, kept only as a keyed
 * hash bound to the number and the subscriber, single use, cleared when they expire unused or are void after too many
 * mismatches ({@link CodeMismatches}).
 */
final class Codes {
  private static final int MAX_RETRIES = 3;

  private final PortingParts parts;
  private final AuthorisationCodes codes;
  private final ClearinghouseChecks checks;

  Codes(PortingParts parts, AuthorisationCodes codes, ClearinghouseChecks checks) {
    this.parts = parts;
    this.codes = codes;
    this.checks = checks;
  }

  Result<IssuedCode> issue(CarrierId donor, String number, SubscriberIdentity subscriber) {
    Optional<Refused<IssuedCode>> refusal = Guards.participant(parts.regime(), donor);
    if (refusal.isPresent()) {
      return refusal.get();
    }
    Optional<Msisdn> parsed = parts.parse(number);
    if (parsed.isEmpty()) {
      return Result.refused(RefusalCode.INVALID_NUMBER, "not a mobile number of a known block: " + number);
    }
    Msisdn msisdn = parsed.get();
    NumberRange range = parts.regime().numbers().rangeOf(msisdn).orElseThrow();
    Instant now = parts.now();
    for (int attempt = 0; attempt < MAX_RETRIES; attempt++) {
      NumberState state = parts.store().number(msisdn);
      if (!parts.donorOf(msisdn, state).equals(donor)) {
        return Result.refused(RefusalCode.NOT_THE_SERVING_CARRIER, donor + " does not serve " + msisdn);
      }
      if (state.openPort().isPresent()) {
        return Result.refused(RefusalCode.NUMBER_HAS_OPEN_PORT, msisdn + " has an open port");
      }
      if (parts.regime().code().onlyWhenEligible()) {
        Optional<RejectionCode> ineligible = checks.eligibility(range, state, Optional.empty(), now);
        if (ineligible.isPresent()) {
          return Result.refused(RefusalCode.NOT_ELIGIBLE, "codes are issued only for eligible numbers; "
              + msisdn + ": " + ineligible.get());
        }
      }
      String code = codes.newCode();
      byte[] salt = codes.newSalt();
      byte[] hash = codes.hash(salt, msisdn.toString(), parts.identities().digest(subscriber), code);
      Instant expires = now.plus(parts.regime().code().lifetime());
      parts.deadlines().add(new Deadline(expires, Deadline.Kind.CODE_EXPIRY, UUID.nameUUIDFromBytes(hash),
          msisdn.toString()));
      NumberState.StoredCode stored = new NumberState.StoredCode(hash, salt, now, expires, Optional.empty());
      if (parts.store().storeCode(msisdn, stored, state)) {
        parts.memory().issued.put(msisdn, new NumberState(state.openPort(), state.servingCarrier(),
            state.routeVersion(), state.lastPortedAt(), Optional.of(stored)));
        parts.events().publish(new DomainEvent.CodeIssued(now, msisdn, donor, expires));
        return Result.done(new IssuedCode(msisdn, code, expires));
      }
    }
    return Result.refused(RefusalCode.NUMBER_HAS_OPEN_PORT, "the number changed while the code was issued; ask again");
  }

  /**
   * Whether the code named {@code codeId} (the id its expiry deadline carries) is still stored for the number, used
   * or not: false once it expired and was cleared, or was replaced.
   */
  boolean stored(Msisdn msisdn, UUID codeId) {
    return parts.store().number(msisdn).code().filter(code -> UUID.nameUUIDFromBytes(code.hash()).equals(codeId))
        .isPresent();
  }

  /**
   * Whether the number's last code was void after the regime's number of mismatches, with no code issued since.
   */
  boolean voided(Msisdn msisdn) {
    return parts.store().number(msisdn).codeVoided();
  }

  /** The code's lifetime ended: clears it if it is still the number's code and unused. */
  void onExpiry(Deadline deadline) {
    Msisdn msisdn = parts.parse(deadline.msisdn()).orElseThrow();
    NumberState state = parts.store().number(msisdn);
    Instant now = parts.now();
    if (state.code().isEmpty()) {
      return;
    }
    NumberState.StoredCode code = state.code().get();
    if (UUID.nameUUIDFromBytes(code.hash()).equals(deadline.subject()) && code.usedBy().isEmpty()
        && !now.isBefore(code.expiresAt()) && parts.store().clearCode(msisdn, code.hash())) {
      parts.events().publish(new DomainEvent.CodeExpired(now, msisdn));
    }
  }
}
