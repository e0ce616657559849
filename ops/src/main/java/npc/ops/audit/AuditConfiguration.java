package npc.ops.audit;

import io.micronaut.context.annotation.ConfigurationProperties;
import java.time.Duration;
import npc.audit.chain.CheckpointPolicy;

/**
 * The {@code npc.audit.*} keys; the README lists each one. An empty key file means the default, beside the identity
 * key ({@code audit-signing.key} in the identity key's directory), so that a home moved with
 * {@code npc.identity.key-file} keeps both secrets together.
 */
@ConfigurationProperties("npc.audit")
public class AuditConfiguration {
  static final String DEFAULT_KEY_FILE_NAME = "audit-signing.key";

  private String keyFile = "";
  private String instance = "";
  private final Checkpoint checkpoint;
  private final Heads heads;
  private final Findings findings;

  public AuditConfiguration(Checkpoint checkpoint, Heads heads, Findings findings) {
    this.checkpoint = checkpoint;
    this.heads = heads;
    this.findings = findings;
  }

  public String getKeyFile() {
    return keyFile;
  }

  public void setKeyFile(String keyFile) {
    this.keyFile = keyFile == null ? "" : keyFile;
  }

  /** The name this instance's chains start with; empty: the host's name. */
  public String getInstance() {
    return instance;
  }

  public void setInstance(String instance) {
    this.instance = instance == null ? "" : instance;
  }

  public Checkpoint getCheckpoint() {
    return checkpoint;
  }

  public Heads getHeads() {
    return heads;
  }

  public Findings getFindings() {
    return findings;
  }

  /** {@code npc.audit.checkpoint.*}: when this instance's chain is checkpointed ({@link CheckpointPolicy}). */
  @ConfigurationProperties("checkpoint")
  public static class Checkpoint {
    private int entries = CheckpointPolicy.DEFAULT.entries();
    private Duration interval = CheckpointPolicy.DEFAULT.interval();

    CheckpointPolicy toPolicy() {
      return new CheckpointPolicy(entries, interval);
    }

    public int getEntries() {
      return entries;
    }

    public void setEntries(int entries) {
      this.entries = entries;
    }

    public Duration getInterval() {
      return interval;
    }

    public void setInterval(Duration interval) {
      this.interval = interval;
    }
  }

  /** {@code npc.audit.heads.*}: how often this instance signs the heads of every chain. */
  @ConfigurationProperties("heads")
  public static class Heads {
    private Duration interval = Duration.ofSeconds(60);

    public Duration getInterval() {
      return interval;
    }

    public void setInterval(Duration interval) {
      this.interval = interval;
    }
  }

  /** {@code npc.audit.findings.*}: how often the detectors run, and over how long a window ending now. */
  @ConfigurationProperties("findings")
  public static class Findings {
    private Duration interval = Duration.ofSeconds(30);
    private Duration window = Duration.ofHours(24);

    public Duration getInterval() {
      return interval;
    }

    public void setInterval(Duration interval) {
      this.interval = interval;
    }

    public Duration getWindow() {
      return window;
    }

    public void setWindow(Duration window) {
      this.window = window;
    }
  }
}
