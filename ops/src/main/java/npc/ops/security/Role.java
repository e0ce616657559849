package npc.ops.security;

/**
 * Who may do what on the HTTP API. A {@link #CARRIER} token is bound to one carrier and sees only that carrier's
 * data; another carrier's is answered 404, as on the gateway, so that a carrier cannot learn what exists.
 */
public enum Role {
  /** Runs the clearinghouse: carriers, tokens, the regime in force. */
  OPERATOR,
  /** Supervises: ports, routing, findings, reports. Reads everything, changes nothing of the carriers'. */
  REGULATOR,
  /** One carrier: its own ports and queries only. */
  CARRIER,
  /** A Prometheus scraper: {@code /prometheus} only, so that the token a monitoring system holds opens nothing else. */
  METRICS;

  /** The role named {@code name}, or an {@link IllegalArgumentException} listing the roles. */
  public static Role parse(String name) {
    for (Role role : values()) {
      if (role.name().equalsIgnoreCase(name)) {
        return role;
      }
    }
    throw new IllegalArgumentException("unknown role '" + name + "': OPERATOR, REGULATOR, CARRIER or METRICS");
  }
}
