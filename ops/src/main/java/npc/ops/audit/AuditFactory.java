package npc.ops.audit;

import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import npc.audit.chain.ChainAppender;
import npc.audit.chain.HeadsCheckpointer;
import npc.audit.detect.DetectorSettings;
import npc.audit.detect.Detectors;
import npc.audit.findings.FindingsRunner;
import npc.audit.report.FiguresRound;
import npc.audit.chain.KeyRotation;
import npc.audit.sign.AuditKeys;
import npc.audit.store.CassandraAuditStore;
import npc.audit.store.CassandraDailyStore;
import npc.audit.store.CassandraFindingStore;
import npc.audit.trail.CassandraIntents;
import npc.audit.trail.ChainTrail;
import npc.audit.trail.IntentSweeper;
import npc.core.audit.AuditTrail;
import npc.core.storage.Database;
import npc.core.store.CassandraAppliedSteps;
import npc.ops.StartupException;
import npc.ops.service.ServiceConfiguration;

/**
 * Wires the audit record into the service: the signing key (re-read every second, rotated by
 * {@link KeyRotation}), the store on the database's session, this instance's
 * chain (a new one at every start), and the schedule that checkpoints it, signs the heads of every chain and runs
 * the detectors' rounds into {@code audit_findings}. Every
 * bean here depends on the database, so Micronaut closes them before it closes the database: the chain's last
 * entries and its last checkpoint are written while the session is still open.
 */
@Factory
class AuditFactory {
  /** Entries of this instance's chain that may be in flight at once; more wait (never dropped). */
  static final int MAX_IN_FLIGHT = 1024;
  static final Duration TICK = Duration.ofSeconds(1);
  /** Intents are judged once older than the sweeper's grace (30 s); a sweep every 10 s records a lost step soon after. */
  static final Duration SWEEP = Duration.ofSeconds(10);

  /**
   * Created on first start, owner-only; a file that is not a key stops start-up with its path. Re-read every
   * {@link #TICK}, so that this instance signs with the key another instance rotated to.
   */
  @Singleton
  AuditKeys auditKeys(AuditConfiguration audit, ServiceConfiguration service) {
    Path file = keyFile(audit, service);
    try {
      return AuditKeys.load(file);
    } catch (UncheckedIOException | IllegalStateException e) {
      throw new StartupException(e.getMessage() + " (npc.audit.key-file)", e);
    }
  }

  @Singleton
  CassandraAuditStore auditStore(Database database) {
    return new CassandraAuditStore(database.session());
  }

  /** Opened at start, so that the chain exists (and is listed in every heads checkpoint) from the first second. */
  @Context
  @Bean(preDestroy = "close")
  ChainAppender chainAppender(CassandraAuditStore store, AuditKeys keys, AuditConfiguration audit) {
    return ChainAppender.open(instance(audit), store, keys, Clock.systemUTC(), audit.getCheckpoint().toPolicy(),
        MAX_IN_FLIGHT);
  }

  /** Rotates the signing key on this instance's chain ({@code POST /api/v1/audit/key/rotation}). */
  @Singleton
  KeyRotation keyRotation(ChainAppender chain, AuditKeys keys) {
    return new KeyRotation(chain, keys, Clock.systemUTC(), KeyRotation.DEFAULT_TIMEOUT);
  }

  /**
   * The core's trail into this instance's chain: intents in {@code audit_intent_blocks}, entries appended once their
   * step applied. The service's steps, refusals and disconnections all pass through it.
   */
  @Singleton
  AuditTrail auditTrail(ChainAppender chain, CassandraIntents intents) {
    return new ChainTrail(chain.chainId(), chain, intents, Clock.systemUTC());
  }

  /** Its done marks are batched; closed (the last batch written) before the database. */
  @Singleton
  @Bean(preDestroy = "close")
  CassandraIntents intents(Database database) {
    return new CassandraIntents(database.session());
  }

  /** Records the steps an instance (this one before a restart, or another) applied but never appended. */
  @Singleton
  IntentSweeper intentSweeper(CassandraIntents intents, Database database, ChainAppender chain) {
    return new IntentSweeper(intents, new CassandraAppliedSteps(database.session()), chain, Clock.systemUTC(),
        IntentSweeper.DEFAULT_GRACE, IntentSweeper.DEFAULT_HORIZON);
  }

  @Singleton
  HeadsCheckpointer headsCheckpointer(CassandraAuditStore store, AuditKeys keys, AuditConfiguration audit) {
    return new HeadsCheckpointer(instance(audit), store, keys, Clock.systemUTC());
  }

  @Singleton
  CassandraFindingStore findingStore(Database database) {
    return new CassandraFindingStore(database.session());
  }

  /** Every detector at its defaults over {@code npc.audit.findings.window}; a window below 1 ms stops start-up. */
  @Singleton
  FindingsRunner findingsRunner(CassandraAuditStore store, CassandraFindingStore findings, AuditConfiguration audit) {
    try {
      return new FindingsRunner(store, findings, new Detectors(DetectorSettings.defaults()),
          audit.getFindings().getWindow(), Clock.systemUTC());
    } catch (IllegalArgumentException e) {
      throw new StartupException(e.getMessage() + " (npc.audit.findings.window)", e);
    }
  }

  @Singleton
  CassandraDailyStore dailyStore(Database database) {
    return new CassandraDailyStore(database.session());
  }

  /** The report figures of every chain, kept up to date on the findings' schedule and before each report. */
  @Singleton
  FiguresRound figuresRound(CassandraAuditStore store, CassandraDailyStore days) {
    return new FiguresRound(store, days);
  }

  @Context
  @Bean(preDestroy = "close")
  AuditSchedule auditSchedule(ChainAppender chain, HeadsCheckpointer heads, FindingsRunner findings,
      FiguresRound figures, IntentSweeper sweeper, AuditKeys keys, AuditConfiguration audit) {
    return new AuditSchedule()
        .every("chain checkpoint", TICK, chain::tick)
        .every("signing key reload", TICK, keys::reload)
        .every("intent sweep", SWEEP, sweeper::sweep)
        .every("heads checkpoint", audit.getHeads().getInterval(), heads::run)
        .every("findings round", audit.getFindings().getInterval(), findings::run)
        .every("report figures", audit.getFindings().getInterval(), figures::run);
  }

  /** {@code npc.audit.key-file}, or {@code audit-signing.key} beside the identity key. */
  static Path keyFile(AuditConfiguration audit, ServiceConfiguration service) {
    if (!audit.getKeyFile().isBlank()) {
      return Path.of(audit.getKeyFile());
    }
    return Path.of(service.getIdentity().getKeyFile()).toAbsolutePath()
        .resolveSibling(AuditConfiguration.DEFAULT_KEY_FILE_NAME);
  }

  static String instance(AuditConfiguration audit) {
    if (!audit.getInstance().isBlank()) {
      return audit.getInstance();
    }
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      return "npc";
    }
  }
}
