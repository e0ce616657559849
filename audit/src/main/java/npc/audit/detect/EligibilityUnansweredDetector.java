package npc.audit.detect;

import npc.core.audit.AuditKind;

/**
 * {@code ELIGIBILITY_UNANSWERED}: a donor lets eligibility queries expire.
 *
 * <p>Rule: a {@code QUERY_EXPIRED} counts against its donor only if the donor was told of the query
 * ({@code toldAt}) while at least {@link DetectorSettings#noticeShare()} of its answer window remained, or
 * {@link DetectorSettings#queryNotice()} before its deadline, whichever is less ({@link SilencePastDeadline}). Occasions: the queries opened
 * to the donor in the period; {@link DetectorSettings#unanswered()}. Source: the regime's eligibility answer
 * deadline (CN: CXXZ, 60 s).
 */
public final class EligibilityUnansweredDetector extends SilencePastDeadline {
  public EligibilityUnansweredDetector(DetectorSettings settings) {
    super(AuditKind.QUERY_OPENED, AuditKind.QUERY_EXPIRED, settings.unanswered(), settings.queryNotice(),
        settings.noticeShare(), settings.timingAlpha(), "eligibility queries it was told of in time expire unanswered");
  }

  @Override
  public Rule rule() {
    return Rule.ELIGIBILITY_UNANSWERED;
  }
}
