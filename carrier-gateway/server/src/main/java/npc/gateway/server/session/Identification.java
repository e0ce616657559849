package npc.gateway.server.session;

import java.util.Objects;
import java.util.Optional;
import npc.core.carrier.CarrierId;
import npc.gateway.protocol.v1.ErrorCode;

/** What a connection's certificate proves: a carrier (with the credential, where registered), or a typed refusal. */
public sealed interface Identification {
  /** The certificate proves {@code carrier}; {@code credential} is empty only where no registry is consulted. */
  record Identified(CarrierId carrier, Optional<Credential> credential) implements Identification {
    public Identified {
      Objects.requireNonNull(carrier, "carrier");
      Objects.requireNonNull(credential, "credential");
    }
  }

  /** The certificate proves no carrier: refused at Hello with {@code code} (status 403). */
  record Refused(ErrorCode code, String detail) implements Identification {}

  /** A carrier proven without a registered credential (tests, and resolvers that need none). */
  static Identification of(CarrierId carrier) {
    return new Identified(carrier, Optional.empty());
  }
}
