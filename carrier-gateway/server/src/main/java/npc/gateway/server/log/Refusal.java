package npc.gateway.server.log;

/** The expected refusals the gateway counts: each is routine under attack or misconfiguration, never a fault. */
public enum Refusal {
  /** A TLS handshake that failed: no certificate, another CA's, a protocol or suite not offered. */
  TLS_HANDSHAKE_FAILED,
  /** A connection reset or broken by the peer. */
  CONNECTION_BROKEN,
  /** A connection closed at accept: its source address or all sources together connect too fast. */
  ACCEPT_RATE,
  /** A connection closed at accept: the instance holds as many connections as it allows. */
  TOO_MANY_CONNECTIONS,
  /** A Hello refused because the carrier holds as many sessions as it may. */
  TOO_MANY_SESSIONS,
  /** A Hello refused for its certificate or version. */
  HELLO_REFUSED,
  /** A session closed because its certificate was revoked. */
  CERTIFICATE_REVOKED,
  /** A session closed because the operator suspended its carrier. */
  CARRIER_SUSPENDED,
  /** A session closed at its maximum lifetime or its certificate's expiry. */
  SESSION_EXPIRED
}
