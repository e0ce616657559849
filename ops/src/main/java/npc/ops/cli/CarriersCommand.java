package npc.ops.cli;

import io.micronaut.core.type.Argument;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code npc carriers}: the regime's carriers, their suspension and their client certificates, through the running
 * service (an operator's token). A suspended carrier's gateway sessions close within seconds and its handshakes are
 * refused; a certificate registered, issued or revoked takes effect at the gateways' next registry refresh.
 */
@Command(name = "carriers", mixinStandardHelpOptions = true,
    description = "The carriers (an operator's): list, suspend, resume; certificates, register, issue, revoke.",
    footer = {"", ApiCommand.EXIT_CODES},
    subcommands = {CarriersCommand.ListCarriers.class, CarriersCommand.Suspend.class, CarriersCommand.Resume.class,
        CarriersCommand.Certificates.class, CarriersCommand.Register.class, CarriersCommand.Issue.class,
        CarriersCommand.Revoke.class, HelpCommand.class})
public final class CarriersCommand implements Runnable {
  @Spec
  CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** A carrier as {@code /api/v1/carriers} answers it. */
  @io.micronaut.serde.annotation.Serdeable
  record CarrierLine(String id, String name, String routingNumber, boolean participant, boolean suspended,
      @io.micronaut.core.annotation.Nullable String suspendedSince,
      @io.micronaut.core.annotation.Nullable String suspensionReason) {
    String describe() {
      return String.format("%-6s  %-10s  %-12s  %s", id, suspended ? "SUSPENDED" : "active", routingNumber,
          suspended ? "since " + suspendedSince + (suspensionReason == null || suspensionReason.isEmpty() ? ""
              : ": " + suspensionReason) : name);
    }
  }

  @Command(name = "list", mixinStandardHelpOptions = true, description = "List the carriers and their state.")
  static final class ListCarriers extends ApiCommand {
    @Override
    void run(ApiClient client) {
      List<CarrierLine> carriers = client.call("GET", "/api/v1/carriers", null, Argument.listOf(CarrierLine.class));
      spec.commandLine().getOut().printf("%-6s  %-10s  %-12s  %s%n", "ID", "STATE", "ROUTING", "NAME");
      carriers.forEach(c -> spec.commandLine().getOut().println(c.describe()));
    }
  }

  @Command(name = "suspend", mixinStandardHelpOptions = true, description = "Suspend a carrier: its gateway "
      + "sessions close within seconds and its handshakes are refused with CARRIER_SUSPENDED until resumed.")
  static final class Suspend extends ApiCommand {
    @Parameters(index = "0", paramLabel = "CARRIER", description = "The carrier's id, e.g. CM")
    String carrier;

    @Option(names = "--reason", paramLabel = "TEXT", description = "Why, as the carrier will be told")
    String reason;

    @Override
    void run(ApiClient client) {
      Map<String, Object> body = new java.util.HashMap<>();
      body.put("reason", reason);
      CarrierLine line = client.call("POST", "/api/v1/carriers/" + carrier + "/suspend", body,
          Argument.of(CarrierLine.class));
      spec.commandLine().getOut().println("suspended " + line.describe());
    }
  }

  @Command(name = "resume", mixinStandardHelpOptions = true,
      description = "Resume a suspended carrier: it may connect again.")
  static final class Resume extends ApiCommand {
    @Parameters(index = "0", paramLabel = "CARRIER", description = "The carrier's id, e.g. CM")
    String carrier;

    @Override
    void run(ApiClient client) {
      CarrierLine line = client.call("POST", "/api/v1/carriers/" + carrier + "/resume", null,
          Argument.of(CarrierLine.class));
      spec.commandLine().getOut().println("resumed " + line.describe());
    }
  }

  /** A certificate as {@code /api/v1/carriers/{carrier}/certificates} answers it. */
  @io.micronaut.serde.annotation.Serdeable
  record CertificateLine(String carrier, String fingerprint, String notAfter, String registeredAt,
      @io.micronaut.core.annotation.Nullable String revokedAt,
      @io.micronaut.core.annotation.Nullable String certificate) {
    String describe() {
      return String.format("%s  %-7s  %-24s  %s", fingerprint, revokedAt == null ? "valid" : "REVOKED", notAfter,
          revokedAt == null ? registeredAt : revokedAt);
    }
  }

  @Command(name = "certificates", mixinStandardHelpOptions = true,
      description = "List a carrier's registered client certificates, revoked ones too.")
  static final class Certificates extends ApiCommand {
    @Parameters(index = "0", paramLabel = "CARRIER", description = "The carrier's id, e.g. CM")
    String carrier;

    @Override
    void run(ApiClient client) {
      List<CertificateLine> certificates = client.call("GET", "/api/v1/carriers/" + carrier + "/certificates", null,
          Argument.listOf(CertificateLine.class));
      spec.commandLine().getOut().printf("%-64s  %-7s  %-24s  %s%n", "FINGERPRINT", "STATE", "NOT AFTER",
          "REGISTERED (REVOKED)");
      certificates.forEach(c -> spec.commandLine().getOut().println(c.describe()));
    }
  }

  @Command(name = "register", mixinStandardHelpOptions = true, description = "Register a client certificate "
      + "(PEM) the gateway's CA issued the carrier: it connects from the gateways' next registry refresh.")
  static final class Register extends ApiCommand {
    @Parameters(index = "0", paramLabel = "CARRIER", description = "The carrier's id, e.g. CM")
    String carrier;

    @Parameters(index = "1", paramLabel = "CERTIFICATE", description = "The certificate's PEM file")
    Path certificate;

    @Override
    void run(ApiClient client) {
      CertificateLine line = client.call("POST", "/api/v1/carriers/" + carrier + "/certificates",
          Map.of("certificate", read(certificate)), Argument.of(CertificateLine.class));
      spec.commandLine().getOut().println("registered " + line.describe());
    }
  }

  @Command(name = "issue", mixinStandardHelpOptions = true, description = "Have the clearinghouse's CA issue the "
      + "carrier a client certificate for its certificate request (PKCS#10 PEM), and register it; prints the "
      + "certificate (PEM) unless --out names a file.")
  static final class Issue extends ApiCommand {
    @Parameters(index = "0", paramLabel = "CARRIER", description = "The carrier's id, e.g. CM")
    String carrier;

    @Parameters(index = "1", paramLabel = "CSR", description = "The carrier's certificate request's PEM file")
    Path csr;

    @Option(names = "--out", paramLabel = "FILE", description = "Write the issued certificate (PEM) here")
    Path out;

    @Override
    void run(ApiClient client) {
      CertificateLine line = client.call("POST", "/api/v1/carriers/" + carrier + "/certificates/issue",
          Map.of("csr", read(csr)), Argument.of(CertificateLine.class));
      if (out == null) {
        spec.commandLine().getOut().print(line.certificate());
        return;
      }
      try {
        Files.writeString(out, line.certificate());
      } catch (IOException e) {
        throw new ApiClient.ApiCallException(ApiClient.UNAVAILABLE, "issued and registered " + line.fingerprint()
            + ", but cannot write " + out + ": " + e + "; revoke it and issue another");
      }
      spec.commandLine().getOut().println("issued " + line.describe() + ", written to " + out);
    }
  }

  @Command(name = "revoke", mixinStandardHelpOptions = true, description = "Revoke a carrier's client certificate: "
      + "from the gateways' next registry refresh its sessions close and its handshakes are refused. Final.")
  static final class Revoke extends ApiCommand {
    @Parameters(index = "0", paramLabel = "CARRIER", description = "The carrier's id, e.g. CM")
    String carrier;

    @Parameters(index = "1", paramLabel = "FINGERPRINT", description = "The certificate's SHA-256 fingerprint, "
        + "as 'npc carriers certificates' lists it")
    String fingerprint;

    @Override
    void run(ApiClient client) {
      CertificateLine line = client.call("POST", "/api/v1/carriers/" + carrier + "/certificates/" + fingerprint
          + "/revoke", null, Argument.of(CertificateLine.class));
      spec.commandLine().getOut().println("revoked " + line.describe());
    }
  }

  /** A PEM file's text; an unreadable file is a bad option (exit code 2), and nothing is sent. */
  private static String read(Path file) {
    try {
      return Files.readString(file, StandardCharsets.US_ASCII);
    } catch (IOException e) {
      throw new ApiClient.ApiCallException(2, "cannot read " + file + ": " + e.getMessage());
    }
  }
}
