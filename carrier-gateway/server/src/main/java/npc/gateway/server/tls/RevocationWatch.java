package npc.gateway.server.tls;

import io.netty.channel.Channel;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import npc.core.carrier.CarrierSuspensions;
import npc.core.carrier.RegisteredCertificate;
import npc.gateway.protocol.v1.ErrorCode;
import npc.gateway.server.frame.Closing;
import npc.gateway.server.frame.FrameErrorHandler;
import npc.gateway.server.log.GatewayCounters;
import npc.gateway.server.log.Refusal;
import npc.gateway.server.session.Credential;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * After each refresh of the registry, closes the open sessions whose certificate was revoked, removed from the
 * registry, or whose registration expired, with CERTIFICATE_REVOKED, and those of a carrier the operator
 * suspended, with CARRIER_SUSPENDED. Every instance refreshes on its own, so a
 * revocation written once closes the carrier's sessions on every instance within one refresh interval.
 */
public final class RevocationWatch {
  private static final Logger LOG = LoggerFactory.getLogger(RevocationWatch.class);

  private final CertificateRegistry registry;
  private final Clock clock;
  private final GatewayCounters counters;

  public RevocationWatch(CertificateRegistry registry, Clock clock, GatewayCounters counters) {
    this.registry = registry;
    this.clock = clock;
    this.counters = counters;
  }

  /** Closes every channel of {@code channels} whose session's credential is no longer valid; how many it closed. */
  public int sweep(Iterable<Channel> channels) {
    Instant now = clock.instant();
    int closed = 0;
    for (Channel channel : channels) {
      Credential credential = channel.attr(Credential.KEY).get();
      if (credential == null || Closing.isClosing(channel)) {
        continue;
      }
      Optional<RegisteredCertificate> registered = registry.find(credential.fingerprint());
      Optional<CarrierSuspensions.Suspension> suspension = registered.flatMap(r -> registry.suspension(r.carrier()));
      if (suspension.isPresent()) {
        LOG.info("Closing {}: its carrier {} is suspended", channel.remoteAddress(), suspension.get().carrier());
        Closing.close(channel, FrameErrorHandler.error(403, ErrorCode.CARRIER_SUSPENDED,
            CertificateIdentities.suspended(suspension.get())));
        counters.count(Refusal.CARRIER_SUSPENDED);
        closed++;
      } else if (registered.isEmpty() || !registered.get().isValidAt(now)) {
        LOG.info("Closing {}: its certificate (SHA-256 {}) is no longer registered and valid",
            channel.remoteAddress(), credential.fingerprint());
        Closing.close(channel, FrameErrorHandler.error(403, ErrorCode.CERTIFICATE_REVOKED,
            "the client certificate was revoked; reconnect with another registered certificate"));
        counters.count(Refusal.CERTIFICATE_REVOKED);
        closed++;
      }
    }
    return closed;
  }
}
