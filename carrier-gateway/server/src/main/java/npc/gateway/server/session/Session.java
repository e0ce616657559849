package npc.gateway.server.session;

import io.netty.util.AttributeKey;
import java.util.Objects;
import npc.core.carrier.CarrierId;

/** An open session: the carrier the certificate proved and the version chosen at Hello. */
public record Session(CarrierId carrier, int version) {
  /** Where a channel keeps its session once the handshake is done. */
  public static final AttributeKey<Session> KEY = AttributeKey.valueOf(Session.class, "session");

  public Session {
    Objects.requireNonNull(carrier, "carrier");
  }
}
