package npc.core.porting;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import npc.core.deadline.Deadline;
import npc.core.event.DomainEvent;
import npc.core.numbering.Msisdn;
import npc.core.numbering.NumberRange;
import npc.core.port.PortState;

/**
 * A recipient's port-in request: its input checked (a refusal writes nothing), its idempotency key claimed, the
 * clearinghouse's checks made, and the port opened by one conditional write on the number, which also consumes the
 * code. A code that does not match is counted against the code, which is void at the regime's limit
 * ({@link CodeMismatches}); a matching code costs no write more. A retry with the same key gets the first answer: the claim on the key holds the id of the port the request
 * opens, a random id given when the key was claimed, so a key reused after it was forgotten names a new port.
 */
final class Submission {
  private static final int MAX_RETRIES = 3;

  private final PortingParts parts;
  private final ClearinghouseChecks checks;
  private final CodeMismatches mismatches;

  Submission(PortingParts parts, ClearinghouseChecks checks) {
    this.parts = parts;
    this.checks = checks;
    this.mismatches = new CodeMismatches(parts);
  }

  Result<PortOutcome> submit(SubmitPort command) {
    Optional<Refused<PortOutcome>> refusal = Guards.participant(parts.regime(), command.recipient());
    if (refusal.isEmpty()) {
      refusal = Guards.<PortOutcome>textProblem("idempotency key", command.idempotencyKey(), "[A-Za-z0-9._:-]{1,64}")
          .or(() -> Guards.textProblem("order id", command.orderId(), "[A-Za-z0-9._:-]{1,64}"))
          .or(() -> Guards.textProblem("channel", command.channel(), "[A-Za-z0-9._:/-]{1,64}"))
          .or(() -> Guards.textProblem("authorisation code", command.code(), "\\S{1,32}"));
    }
    if (refusal.isPresent()) {
      return refusal.get();
    }
    Optional<Msisdn> parsed = parts.parse(command.number());
    if (parsed.isEmpty()) {
      return Result.refused(RefusalCode.INVALID_NUMBER, "not a mobile number of a known block: "
          + command.number());
    }
    Msisdn msisdn = parsed.get();
    NumberRange range = parts.regime().numbers().rangeOf(msisdn).orElseThrow();
    NumberState remembered = parts.memory().issued.remove(msisdn);
    NumberState state = remembered != null && !parts.donorOf(msisdn, remembered).equals(command.recipient())
        ? remembered : parts.store().number(msisdn);
    boolean fresh = state != remembered;
    if (parts.donorOf(msisdn, state).equals(command.recipient())) {
      return Result.refused(RefusalCode.RECIPIENT_ALREADY_SERVES, command.recipient() + " already serves " + msisdn);
    }
    byte[] digest = parts.identities().digest(command.subscriber());
    byte[] requestHash = requestHash(command, msisdn, digest);
    Instant now = parts.now();

    // A new id for every claim: a key reused after the clearinghouse forgot it names a new port, never an old one.
    UUID portId = UUID.randomUUID();
    PortStore.RequestClaim claim = parts.store().claimRequest(command.recipient(), command.idempotencyKey(),
        requestHash, portId, now);
    if (claim instanceof PortStore.RequestClaim.Existing existing) {
      if (!MessageDigest.isEqual(existing.requestHash(), requestHash)) {
        return Result.refused(RefusalCode.IDEMPOTENCY_KEY_REUSED, "idempotency key " + command.idempotencyKey()
            + " was used for another request");
      }
      portId = existing.portId();
      Optional<PortOutcome> first = firstOutcome(portId);
      if (first.isPresent()) {
        republishIfWaiting(first.get(), now);
        return Result.done(first.get());
      }
      // The first attempt stopped before deciding (a crash, a timeout): decide now, under the same port id.
    }

    int othersCounted = 0;
    for (int attempt = 0; attempt < MAX_RETRIES; attempt++) {
      if (state.openPort().equals(Optional.of(portId))) {
        PortOutcome first = firstOutcome(portId).orElseThrow();
        republishIfWaiting(first, now);
        return Result.done(first);
      }
      Optional<PortOutcome.RejectedByClearinghouse> rejection = checks.failure(portId, msisdn, range, state, digest,
          command.code(), now);
      if (rejection.isPresent() && !fresh) {
        state = parts.store().number(msisdn);
        fresh = true;
        attempt--; // a read, not a conflict
        continue;
      }
      if (rejection.isPresent()) {
        PortOutcome.RejectedByClearinghouse answer = rejection.get();
        if (answer.code() == RejectionCode.CODE_MISMATCH) {
          CodeMismatches.Counted counted = mismatches.count(answer, msisdn, command.recipient(), state, now);
          if (counted instanceof CodeMismatches.Counted.Changed changed) {
            state = changed.state(); // another request changed the number first: check again against what it did
            if (othersCounted++ < parts.regime().code().maxMismatches()) {
              attempt--; // each counted another mismatch, and there are at most this many before the code is void
            }
            continue;
          }
          answer = ((CodeMismatches.Counted.Answer) counted).rejection();
        } else {
          parts.store().recordRejection(answer, now);
        }
        parts.events().publish(new DomainEvent.PortRejectedByClearinghouse(now, portId, msisdn, command.recipient(),
            answer.code(), answer.detail()));
        return Result.done(answer);
      }
      Port port = Port.opened(portId, msisdn, command.orderId(), command.channel(), command.recipient(),
          parts.donorOf(msisdn, state), command.subscriberType(), now, now.plus(parts.regime().donorAnswer()));
      parts.deadlines().add(new Deadline(port.donorDeadline(), Deadline.Kind.DONOR_ANSWER, portId,
          msisdn.toString()));
      Optional<NumberState> conflict = parts.store().openPort(port, digest, command.idempotencyKey(), state);
      if (conflict.isEmpty()) {
        parts.memory().wrote(port);
        parts.memory().routeVersions.put(portId, state.routeVersion());
        parts.events().publish(new DomainEvent.PortOpened(now, port));
        return Result.done(new PortOutcome.Opened(port));
      }
      state = conflict.get(); // another request changed the number first: check again against what it did
      fresh = true;
    }
    throw new IllegalStateException("port " + portId + " kept conflicting with other requests for " + msisdn);
  }

  /**
   * A retried submission whose port still waits for its donor: the first attempt may have stopped before telling
   * the donor, so tell it (again; the donor drops duplicates by port id).
   */
  private void republishIfWaiting(PortOutcome outcome, Instant now) {
    if (outcome instanceof PortOutcome.Opened opened && opened.port().state() == PortState.PENDING_DONOR) {
      parts.events().publish(new DomainEvent.PortOpened(now, opened.port()));
    }
  }

  private Optional<PortOutcome> firstOutcome(UUID portId) {
    Optional<PortOutcome> rejected = parts.store().rejection(portId).map(r -> r);
    return rejected.or(() -> parts.store().port(portId).map(PortOutcome.Opened::new));
  }

  private static byte[] requestHash(SubmitPort command, Msisdn msisdn, byte[] subscriberDigest) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      for (String part : new String[] {msisdn.toString(), command.orderId(), command.channel(),
          command.subscriberType().name(), command.code()}) {
        sha.update(part.getBytes(StandardCharsets.UTF_8));
        sha.update((byte) 0);
      }
      sha.update(subscriberDigest);
      return sha.digest();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }
}
