package npc.core.audit;

/**
 * The kinds of entry: one for each applied step, each refusal of a carrier's request by a rule, each disconnection
 * for conduct, and the record's own events. The names are fixed: they are part of the canonical encoding, and
 * detectors and the simulator's score name them. An entry's kind is kept as its name (text), so that an export
 * written by a later version with more kinds still verifies.
 */
public enum AuditKind {
  QUERY_OPENED, QUERY_ANSWERED, QUERY_EXPIRED,
  CODE_ISSUED, CODE_VOIDED, CODE_EXPIRED,
  PORT_OPENED, PORT_REJECTED_BY_CLEARINGHOUSE, PORT_ACCEPTED, PORT_REJECTED_BY_DONOR, PORT_DEEMED_ACCEPTED,
  DONOR_DEADLINE_EXTENDED, PORT_SCHEDULED, PORT_ACTIVATED, PORT_CANCELLED, PORT_REVERSED, PORT_COMPLETED,
  PORT_COMPLETED_WITH_LAGGARDS,
  ROUTING_ACKNOWLEDGED, DEACTIVATION_CONFIRMED, NUMBER_RETURNED, ROUTE_CHANGED,
  /** A reason off the closed list. */
  REFUSED_OFF_LIST_REASON,
  /** Evidence that fails its reason's rules (an added condition). */
  REFUSED_INVALID_EVIDENCE,
  /** A claim the clearinghouse's own data refutes (lock period, non-portable block, identity after the code). */
  REFUSED_REFUTED_CLAIM,
  /** The carrier is not the port's or query's donor or recipient. */
  REFUSED_NOT_A_PARTY,
  REFUSED_AFTER_DEADLINE,
  REFUSED_CODE_MISMATCH,
  CARRIER_DISCONNECTED,
  /** A subscriber's complaint about a carrier, recorded by the ops API (contract: {@code docs/detectors.md}). */
  COMPLAINT_RECORDED,
  /** The regulator's decision on a complaint: evidence {@code outcome} UPHELD or DISMISSED. */
  COMPLAINT_DECIDED,
  /**
   * A random spot check (双随机) about to be drawn: actor the regulator ({@code ROLE:<token id>}), subject the spot
   * check's id, evidence {@code carrier}, {@code from}, {@code to}, {@code size}, {@code seed} (hex) and
   * {@code algorithm}; recorded before the draw, so that no draw happens unrecorded.
   */
  SPOT_CHECK_SEEDED,
  /**
   * The draw of a spot check: evidence {@code population} (how many ports), {@code populationDigest} (SHA-256 of the
   * sorted port ids, one a line) and {@code sample} (the drawn port ids, comma-separated, in drawing order).
   */
  SPOT_CHECK_DRAWN,
  /**
   * The regulator confirms a detector's finding, which puts its carrier (and channel) on the bad-conduct list:
   * subject the finding's id ({@code CARRIER:RULE:CHAIN:POSITION}), evidence {@code carrier}, {@code rule},
   * {@code channel} (the carrier's channels its ports came through, when there are), {@code note}.
   */
  FINDING_CONFIRMED,
  /**
   * A regulator's or operator's read through the API: actor {@code ROLE:<token id>}, evidence {@code method},
   * {@code path}, {@code query} and {@code status}; at the time of the request.
   */
  API_READ,
  /**
   * A request the API refused (401, 403 or 404): actor {@code ROLE:<token id>} when the caller was known, evidence
   * {@code method}, {@code path}, {@code status}.
   */
  API_REFUSED,
  /**
   * The operator registered a carrier's client certificate, which its CA issued: actor the operator
   * ({@code ROLE:<token id>}), subject the certificate's fingerprint (SHA-256), evidence {@code carrier},
   * {@code notAfter}, {@code serial} (hex) and {@code issuer}; recorded before the registry's write.
   */
  CERTIFICATE_REGISTERED,
  /**
   * The operator had the clearinghouse's CA issue a carrier a client certificate from its request (CSR), and
   * registered it: as {@link #CERTIFICATE_REGISTERED}.
   */
  CERTIFICATE_ISSUED,
  /**
   * The operator revoked a carrier's client certificate: actor the operator, subject the fingerprint, evidence
   * {@code carrier}; recorded before the registry's write.
   */
  CERTIFICATE_REVOKED,
  /**
   * The operator suspended a carrier (its gateway sessions close, its handshakes are refused): actor the operator,
   * subject the carrier, evidence {@code carrier} and the operator's {@code reason}; recorded before the write.
   */
  CARRIER_SUSPENDED,
  /** The operator resumed a suspended carrier: actor the operator, subject the carrier; recorded before the write. */
  CARRIER_RESUMED,
  /**
   * The record's signing key changed: actor the operator ({@code OPERATOR:<token id>}), evidence {@code newKey} (the
   * 32 raw public-key bytes, hex), {@code newKeyId}, {@code oldKeyId} and the operator's {@code reason}; a checkpoint
   * by the old key covers it, and checkpoints after that one are signed with the new key.
   */
  KEY_ROTATED
}
