package npc.audit.detect;

import npc.core.audit.AuditKind;

/**
 * {@code DEEMED_ACCEPTANCE}: a donor lets ports reach the answer deadline in silence.
 *
 * <p>Rule: a {@code PORT_DEEMED_ACCEPTED} counts against its donor only if the donor was told of the port
 * ({@code toldAt}) while at least {@link DetectorSettings#noticeShare()} of its answer window remained, or
 * {@link DetectorSettings#deemedNotice()} before the deadline, whichever is less ({@link SilencePastDeadline}). A
 * donor told late had its deadline extended ({@code DONOR_DEADLINE_EXTENDED}, issue 12) and one never told is not
 * silent but unheard: neither counts. Occasions: the ports opened against the donor in the period; {@link DetectorSettings#deemed()}.
 * Source: the regime's donor answer deadline (CN: MIIT 2019 rules, silence past it is deemed consent and a breach
 * of the donor's service level).
 */
public final class DeemedAcceptanceDetector extends SilencePastDeadline {
  public DeemedAcceptanceDetector(DetectorSettings settings) {
    super(AuditKind.PORT_OPENED, AuditKind.PORT_DEEMED_ACCEPTED, settings.deemed(), settings.deemedNotice(),
        settings.noticeShare(), settings.timingAlpha(), "ports it was told of in time reach the answer deadline in silence");
  }

  @Override
  public Rule rule() {
    return Rule.DEEMED_ACCEPTANCE;
  }
}
