package npc.core.porting;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import npc.core.carrier.CarrierId;
import npc.core.numbering.Msisdn;

/**
 * What the service needs to keep ports, numbers, codes and queries. Every method that changes a port, a number or
 * a query is a conditional write: it returns whether it applied, and a write that did not apply changed nothing.
 */
public interface PortStore {

  NumberState number(Msisdn msisdn);

  Optional<Port> port(UUID portId);

  /** Every port of a number, oldest first. */
  List<Port> ports(Msisdn msisdn);

  /**
   * Claims an idempotency key for a request that will open the port {@code portId} (a new id for every claim), if
   * the key is free: it is remembered for 7 days. A key claimed before returns that claim, with its port id, so that
   * a retry names the port of the first attempt; see {@link RequestClaim}.
   */
  RequestClaim claimRequest(CarrierId carrier, String key, byte[] requestHash, UUID portId, Instant now);

  /** The answer recorded for a request that opened no port. */
  Optional<PortOutcome.RejectedByClearinghouse> rejection(UUID portId);

  void recordRejection(PortOutcome.RejectedByClearinghouse rejection, Instant now);

  /**
   * Opens {@code port} if the number is still as {@code seen}: no open port, the same code unused, the same last
   * port time, the same route version. Consumes the code in the same write.
   *
   * @return empty if it applied; otherwise the number's state that made it fail
   */
  Optional<NumberState> openPort(Port port, byte[] subscriberDigest, String idempotencyKey, NumberState seen);

  /**
   * Moves a port from {@code before.state()} to {@code after}'s state and fields, if it is still in
   * {@code before.state()}. A move to an ending state frees the number.
   */
  boolean transition(Port before, Port after);

  /**
   * Moves the donor's deadline of a port still waiting for its answer, if the deadline is still
   * {@code before.donorDeadline()}.
   */
  boolean extendDeadline(Port before, Port after);

  /**
   * Activates a scheduled port: its state and the number's route change in one write, if the port is still
   * scheduled and the route still at {@code routeVersion}.
   */
  boolean activate(Port before, Port after, long routeVersion);

  /**
   * Reverses a completed port: the route goes back to the donor, if still at {@code routeVersion} and the number's
   * open port is still {@code open} (none, or that port); the open port ends as {@code cancelled} in the same write.
   * {@code approvedBy} names who approved it (the audit entry's actor); the port's row does not keep it.
   */
  boolean reverse(Port before, Port after, String approvedBy, long routeVersion, Optional<Port> open,
      Optional<Port> cancelled);

  /** Stores a new code if the number has no open port and still has the code {@code seen} had. */
  boolean storeCode(Msisdn msisdn, NumberState.StoredCode code, NumberState seen);

  /** Clears an unused code once it has expired. */
  boolean clearCode(Msisdn msisdn, byte[] hash);

  /**
   * Counts a mismatch against the number's code as {@code seen} had it: the code's count goes up by one if the code
   * is still that one, unused, with the count {@code seen} had, so that two mismatches at once are never counted as
   * one. With {@code voids} (the mismatch that reaches the regime's limit) the same write clears the code, as an
   * expiry does, and leaves the number marked {@link NumberState#codeVoided()}, if the route is also still at
   * {@code seen}'s version (its serving carrier is told).
   *
   * @return empty if it applied; otherwise the number's state that made it fail
   */
  Optional<NumberState> countMismatch(Msisdn msisdn, NumberState seen, boolean voids);

  /**
   * Records a code mismatch against the recipient that sent it, so that the audit can count guessing: the
   * {@code mismatch}-th counted against the code, {@code voided} when it voided it. A plain insert.
   */
  void recordMismatch(CarrierId recipient, Instant at, UUID portId, Msisdn msisdn, int mismatch, boolean voided);

  /** Gives a number back to its range holder if {@code carrier} still serves it at {@code routeVersion}. */
  boolean returnNumber(Msisdn msisdn, CarrierId carrier, long routeVersion);

  /** Records a carrier's fact about an activated port: {@link Port#ACK} or {@link Port#DEACTIVATED}. */
  void recordFact(UUID portId, String fact, CarrierId carrier, Instant at);

  /** The carriers that recorded each fact about the port, by fact; one read. */
  Map<String, Set<CarrierId>> facts(UUID portId);

  /**
   * Creates a pending query, with the keyed digest of the subscriber it names and the identity sealed for its donor
   * (never the identity in clear).
   */
  boolean createQuery(EligibilityQuery query, byte[] subscriberDigest, byte[] sealedSubscriber);

  /** The query as stored: never with the subscriber in clear. */
  Optional<EligibilityQuery> query(UUID queryId);

  /** The sealed identity a query names; empty once the query closed, which clears it. */
  Optional<byte[]> sealedSubscriber(UUID queryId);

  /** Records the answer or the expiry of a query still pending, and clears its sealed identity in the same write. */
  boolean closeQuery(EligibilityQuery before, EligibilityQuery after, Instant at);

  /** A claim on an idempotency key. */
  sealed interface RequestClaim {
    /** The key was free and is now this request's. */
    record Claimed() implements RequestClaim {}

    /**
     * The key was claimed before, by a request with this hash, for this port: the retry gets that port's answer, or
     * decides under that port id if the first attempt stopped before deciding.
     */
    record Existing(byte[] requestHash, UUID portId) implements RequestClaim {}
  }
}
