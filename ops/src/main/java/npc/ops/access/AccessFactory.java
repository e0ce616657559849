package npc.ops.access;

import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;
import npc.core.audit.AuditTrail;

/** The access log over the service's audit trail, started with the service and emptied at its stop. */
@Factory
class AccessFactory {
  /** Entries that may wait at once: at about 1 KB each, 10 MB at most. */
  static final int CAPACITY = 10_000;
  static final int PARALLELISM = 4;

  @Singleton
  @Bean(preDestroy = "close")
  AccessLog accessLog(AuditTrail trail) {
    AccessLog log = new AccessLog(trail, CAPACITY, PARALLELISM);
    log.start();
    return log;
  }
}
