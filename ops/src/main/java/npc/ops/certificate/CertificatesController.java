package npc.ops.certificate;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Pattern;
import java.util.List;
import npc.core.carrier.RegisteredCertificate;
import npc.gateway.server.tls.ClientCertificates;
import npc.ops.security.Caller;

/**
 * A carrier's client certificates, for the operator: the gateway accepts a registered certificate, and refuses a
 * revoked one, from its next registry refresh (every 5 s); a revocation also closes the certificate's open sessions
 * then.
 */
@Controller("/api/v1/carriers/{carrier}/certificates")
@ExecuteOn(TaskExecutors.BLOCKING)
@Secured("OPERATOR")
class CertificatesController {
  private static final String CARRIER = "[A-Z][A-Z0-9]{1,7}";
  private static final String CARRIER_MESSAGE = "must be a carrier id such as CM";
  private static final String FINGERPRINT = "[0-9a-f]{64}";
  private static final String FINGERPRINT_MESSAGE = "must be a certificate's SHA-256 fingerprint: 64 lowercase hex "
      + "digits";

  private final Certificates certificates;

  CertificatesController(Certificates certificates) {
    this.certificates = certificates;
  }

  @Operation(summary = "The carrier's registered client certificates, revoked ones too")
  @Get
  List<CertificateView> list(@PathVariable @Pattern(regexp = CARRIER, message = CARRIER_MESSAGE) String carrier) {
    return certificates.of(carrier).stream().map(CertificateView::of).toList();
  }

  @Operation(summary = "Register a client certificate the gateway's CA issued the carrier")
  @Post
  HttpResponse<CertificateView> register(
      @PathVariable @Pattern(regexp = CARRIER, message = CARRIER_MESSAGE) String carrier,
      @Body @Valid RegisterRequest request, Authentication authentication) {
    RegisteredCertificate registered = certificates.register(carrier, request.certificate(),
        Caller.of(authentication).actor());
    return HttpResponse.<CertificateView>status(HttpStatus.CREATED).body(CertificateView.of(registered));
  }

  @Operation(summary = "Issue the carrier a client certificate from the clearinghouse's CA for its certificate "
      + "request, and register it")
  @Post("/issue")
  HttpResponse<CertificateView> issue(
      @PathVariable @Pattern(regexp = CARRIER, message = CARRIER_MESSAGE) String carrier,
      @Body @Valid IssueRequest request, Authentication authentication) {
    Certificates.Issued issued = certificates.issue(carrier, request.csr(), Caller.of(authentication).actor());
    return HttpResponse.<CertificateView>status(HttpStatus.CREATED)
        .body(CertificateView.of(issued.registered()).withCertificate(ClientCertificates.pem(issued.certificate())));
  }

  @Operation(summary = "Revoke a client certificate of the carrier: the gateway refuses it from its next refresh")
  @Post("/{fingerprint}/revoke")
  CertificateView revoke(@PathVariable @Pattern(regexp = CARRIER, message = CARRIER_MESSAGE) String carrier,
      @PathVariable @Pattern(regexp = FINGERPRINT, message = FINGERPRINT_MESSAGE) String fingerprint,
      Authentication authentication) {
    return CertificateView.of(certificates.revoke(carrier, fingerprint, Caller.of(authentication).actor()));
  }
}
