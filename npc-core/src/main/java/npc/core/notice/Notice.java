package npc.core.notice;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import npc.core.carrier.CarrierId;
import npc.core.port.PortState;

/**
 * One thing a carrier must be told. The notice holds no content of its own: the pusher reads its subject when it
 * pushes, so the carrier gets the subject as it is then.
 *
 * @param id a time-based uuid: orders a carrier's notices and names them to the carrier
 * @param subject the port or query concerned; for {@link Kind#CODE_EXPIRED} and {@link Kind#CODE_VOIDED} the
 *     code's id
 * @param portState with {@link Kind#PORT}: the state the announced write gives the port. The notice is written
 *     before that write, so a pusher that finds the port short of that state waits: it must not push the state
 *     before the news as the news.
 */
public record Notice(UUID id, CarrierId carrier, Kind kind, UUID subject, String msisdn,
    Optional<PortState> portState, Instant createdAt) {

  public enum Kind {
    /** A port changed: to its donor while it waits for an answer, the port's status otherwise. */
    PORT,
    /** An eligibility query: to its donor while it is pending, the result to its asker once answered or expired. */
    QUERY,
    /** The donor was silent past its deadline and the port was deemed accepted; to both parties. */
    DONOR_ANSWER_DEADLINE,
    /** An unused authorisation code expired; to the carrier serving the number. */
    CODE_EXPIRED,
    /**
     * An authorisation code was void after the regime's number of mismatches; to the carrier serving the number,
     * whose subscriber needs a new code.
     */
    CODE_VOIDED,
    /**
     * The donor did not answer an eligibility query in time; to both, as a deadline that fired (the asker also gets
     * the query's {@link #QUERY} result, expired).
     */
    ELIGIBILITY_EXPIRED,
    /** The routing acknowledgement deadline passed with laggards; to both parties of the port. */
    ROUTING_ACK_DEADLINE;

    /**
     * Whether notices of this kind are about an eligibility query. Another carrier can cause hundreds of them for
     * a donor (up to its bound of queries pending toward it), and each costs a read to render: they are pushed
     * after a carrier's other notices (ports, deadlines, codes), never ahead of them.
     */
    public boolean aboutAQuery() {
      return this == QUERY || this == ELIGIBILITY_EXPIRED;
    }
  }

  public Notice {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(carrier, "carrier");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(subject, "subject");
    Objects.requireNonNull(msisdn, "msisdn");
    Objects.requireNonNull(portState, "portState");
    Objects.requireNonNull(createdAt, "createdAt");
  }
}
