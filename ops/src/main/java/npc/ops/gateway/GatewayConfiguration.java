package npc.ops.gateway;

import io.micronaut.context.annotation.ConfigurationProperties;
import java.nio.file.Path;
import java.time.Duration;
import npc.gateway.server.ConnectionLimits;
import npc.gateway.server.GatewaySettings;

/**
 * The {@code npc.gateway.*} configuration keys; the README lists each one. The limits default to the protocol
 * document's (those of {@link GatewaySettings#defaults}); what is not a key here keeps its default.
 */
@ConfigurationProperties("npc.gateway")
public class GatewayConfiguration {
  private static final GatewaySettings DEFAULTS = GatewaySettings.defaults("127.0.0.1", 7400);
  private static final ConnectionLimits LIMITS = ConnectionLimits.DEFAULTS;

  private String host = DEFAULTS.host();
  private int port = DEFAULTS.port();
  private int maxFrameBytes = DEFAULTS.maxFrameBytes();
  private int maxInFlight = DEFAULTS.maxInFlight();
  private Duration pingInterval = DEFAULTS.pingInterval();
  private int workerThreads = DEFAULTS.workerThreads();
  private Duration maxSessionLifetime = LIMITS.maxSessionLifetime();
  private int maxSessionsPerCarrier = LIMITS.maxSessionsPerCarrier();
  private int maxConnections = LIMITS.maxConnections();
  private Duration drainTimeout = LIMITS.drainTimeout();
  private int carrierRate = DEFAULTS.quotas().carrierRate();
  private int carrierBurst = DEFAULTS.quotas().carrierBurst();
  private int carrierRunning = DEFAULTS.quotas().carrierRunning();
  private int instanceRunning = DEFAULTS.quotas().instanceRunning();
  private int carrierInFlight = DEFAULTS.quotas().carrierInFlight();
  private int queriesPerDonor = DEFAULTS.quotas().queriesPerDonor();
  private String pkiDir = Path.of(System.getProperty("user.home"), ".npc", "pki").toString();
  private final Tls tls;

  public GatewayConfiguration(Tls tls) {
    this.tls = tls;
  }

  /** The settings the gateway listens with. */
  public GatewaySettings toSettings() {
    GatewaySettings d = GatewaySettings.defaults(host, port);
    GatewaySettings.Quotas q = d.quotas();
    return new GatewaySettings(host, port, maxFrameBytes, maxInFlight, pingInterval, d.helloTimeout(),
        workerThreads, d.writeLowWater(), d.writeHighWater(), d.unwritableLimit(), d.maxPendingBytes(), d.push(),
        d.sendBufferBytes()).withQuotas(new GatewaySettings.Quotas(q.snapshotThreads(), q.snapshotQueue(),
            q.snapshotsPerCarrier(), carrierInFlight, carrierRunning, instanceRunning, queriesPerDonor, carrierRate, carrierBurst));
  }

  /**
   * Requests a second one carrier may have reach the database on one instance, all its connections together.
   * Size it so that every carrier at its rate stays under the storage's ceiling.
   */
  public int getCarrierRate() {
    return carrierRate;
  }

  public void setCarrierRate(int carrierRate) {
    this.carrierRate = carrierRate;
  }

  /** Requests beyond the rate a carrier may send at once after a quiet spell. */
  public int getCarrierBurst() {
    return carrierBurst;
  }

  public void setCarrierBurst(int carrierBurst) {
    this.carrierBurst = carrierBurst;
  }

  /** Running requests every carrier is sure of on one instance, divided among the carriers active at the moment. */
  public int getCarrierRunning() {
    return carrierRunning;
  }

  public void setCarrierRunning(int carrierRunning) {
    this.carrierRunning = carrierRunning;
  }

  /** Requests running at once on one instance; a carrier beyond its share runs only in what the others leave. */
  public int getInstanceRunning() {
    return instanceRunning;
  }

  public void setInstanceRunning(int instanceRunning) {
    this.instanceRunning = instanceRunning;
  }

  /** Requests one carrier may have waiting for or on a worker on one instance. */
  public int getCarrierInFlight() {
    return carrierInFlight;
  }

  public void setCarrierInFlight(int carrierInFlight) {
    this.carrierInFlight = carrierInFlight;
  }

  /** Eligibility queries one carrier may have pending toward one donor on one instance. */
  public int getQueriesPerDonor() {
    return queriesPerDonor;
  }

  public void setQueriesPerDonor(int queriesPerDonor) {
    this.queriesPerDonor = queriesPerDonor;
  }

  /** The limits at the gateway's edge; the accept rates and the registry's refresh keep their defaults. */
  public ConnectionLimits toLimits() {
    return LIMITS.withMaxSessionLifetime(maxSessionLifetime).withConnections(maxSessionsPerCarrier, maxConnections)
        .withDrainTimeout(drainTimeout);
  }

  /** A session is closed with SESSION_EXPIRED after this long, and the carrier reconnects. */
  public Duration getMaxSessionLifetime() {
    return maxSessionLifetime;
  }

  public void setMaxSessionLifetime(Duration maxSessionLifetime) {
    this.maxSessionLifetime = maxSessionLifetime;
  }

  /** Sessions one carrier may hold on one instance. */
  public int getMaxSessionsPerCarrier() {
    return maxSessionsPerCarrier;
  }

  public void setMaxSessionsPerCarrier(int maxSessionsPerCarrier) {
    this.maxSessionsPerCarrier = maxSessionsPerCarrier;
  }

  /** Sessions one instance holds in all. */
  public int getMaxConnections() {
    return maxConnections;
  }

  public void setMaxConnections(int maxConnections) {
    this.maxConnections = maxConnections;
  }

  /** How long a stop waits for running requests to be answered. */
  public Duration getDrainTimeout() {
    return drainTimeout;
  }

  public void setDrainTimeout(Duration drainTimeout) {
    this.drainTimeout = drainTimeout;
  }

  public String getHost() {
    return host;
  }

  public void setHost(String host) {
    this.host = host;
  }

  /** 0 for any free port. */
  public int getPort() {
    return port;
  }

  public void setPort(int port) {
    this.port = port;
  }

  public int getMaxFrameBytes() {
    return maxFrameBytes;
  }

  public void setMaxFrameBytes(int maxFrameBytes) {
    this.maxFrameBytes = maxFrameBytes;
  }

  public int getMaxInFlight() {
    return maxInFlight;
  }

  public void setMaxInFlight(int maxInFlight) {
    this.maxInFlight = maxInFlight;
  }

  public Duration getPingInterval() {
    return pingInterval;
  }

  public void setPingInterval(Duration pingInterval) {
    this.pingInterval = pingInterval;
  }

  public int getWorkerThreads() {
    return workerThreads;
  }

  public void setWorkerThreads(int workerThreads) {
    this.workerThreads = workerThreads;
  }

  /** Where the development PKI is created on first start, and found at later starts. */
  public String getPkiDir() {
    return pkiDir;
  }

  public void setPkiDir(String pkiDir) {
    this.pkiDir = pkiDir;
  }

  public Tls getTls() {
    return tls;
  }

  /**
   * {@code npc.gateway.tls.*}: the operator's own CA (whose certificates carriers present) and the server's
   * certificate and key, all PEM. All three or none: with none, the development PKI is used. With them,
   * {@code carrier-certificates} may name a directory of carriers' certificates ({@code <CARRIER>.pem}), registered at
   * every start, and {@code ca-key} the CA's private key, with which the API issues carriers' certificates.
   */
  @ConfigurationProperties("tls")
  public static class Tls {
    private String ca = "";
    private String certificate = "";
    private String key = "";
    private String carrierCertificates = "";
    private String caKey = "";

    /** The CA's private key (PEM), if the clearinghouse is to issue carriers' certificates; empty otherwise. */
    public String getCaKey() {
      return caKey;
    }

    public void setCaKey(String caKey) {
      this.caKey = caKey == null ? "" : caKey;
    }

    public String getCarrierCertificates() {
      return carrierCertificates;
    }

    public void setCarrierCertificates(String carrierCertificates) {
      this.carrierCertificates = carrierCertificates == null ? "" : carrierCertificates;
    }

    boolean isSet() {
      return !ca.isBlank() || !certificate.isBlank() || !key.isBlank() || !caKey.isBlank();
    }

    public String getCa() {
      return ca;
    }

    public void setCa(String ca) {
      this.ca = ca == null ? "" : ca;
    }

    public String getCertificate() {
      return certificate;
    }

    public void setCertificate(String certificate) {
      this.certificate = certificate == null ? "" : certificate;
    }

    public String getKey() {
      return key;
    }

    public void setKey(String key) {
      this.key = key == null ? "" : key;
    }
  }
}
