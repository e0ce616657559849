package npc.ops.service;

import io.micronaut.context.annotation.ConfigurationProperties;
import java.nio.file.Path;
import java.time.Duration;
import npc.core.deadline.DeadlineShare;

/** The {@code npc.regime}, {@code npc.identity.*} and {@code npc.deadlines.*} keys; the README lists each one. */
@ConfigurationProperties("npc")
public class ServiceConfiguration {
  private String regime = "cn";
  private final Identity identity;
  private final Deadlines deadlines;

  public ServiceConfiguration(Identity identity, Deadlines deadlines) {
    this.identity = identity;
    this.deadlines = deadlines;
  }

  /** A built-in regime: {@code cn}, {@code demo} or {@code in}. */
  public String getRegime() {
    return regime;
  }

  public void setRegime(String regime) {
    this.regime = regime;
  }

  public Identity getIdentity() {
    return identity;
  }

  public Deadlines getDeadlines() {
    return deadlines;
  }

  /** {@code npc.identity.*}: the secret subscriber identities are digested under. */
  @ConfigurationProperties("identity")
  public static class Identity {
    private String keyFile = Path.of(System.getProperty("user.home"), ".npc", "identity.key").toString();

    public String getKeyFile() {
      return keyFile;
    }

    public void setKeyFile(String keyFile) {
      this.keyFile = keyFile;
    }
  }

  /**
   * {@code npc.deadlines.*}: how often this instance fires the deadlines that are due, and how long it holds its
   * share of them (its leases) without renewing.
   */
  @ConfigurationProperties("deadlines")
  public static class Deadlines {
    private Duration interval = Duration.ofSeconds(1);
    private Duration lease = DeadlineShare.DEFAULT_LEASE;

    public Duration getLease() {
      return lease;
    }

    public void setLease(Duration lease) {
      this.lease = lease;
    }

    public Duration getInterval() {
      return interval;
    }

    public void setInterval(Duration interval) {
      this.interval = interval;
    }
  }
}
