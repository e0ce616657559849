package npc.core.porting;

import npc.core.deadline.Deadline;

/** Hands each due deadline row to the step it concerns. */
final class DeadlineRouter {
  private final Eligibility eligibility;
  private final Codes codes;
  private final DonorAnswers answers;
  private final Activation activation;
  private final RoutePublication publication;
  private final Completion completion;

  DeadlineRouter(Eligibility eligibility, Codes codes, DonorAnswers answers, Activation activation,
      RoutePublication publication, Completion completion) {
    this.eligibility = eligibility;
    this.codes = codes;
    this.answers = answers;
    this.activation = activation;
    this.publication = publication;
    this.completion = completion;
  }

  /** Acts on a due deadline row; throws if it could not, so that the row is handed over again. */
  void fire(Deadline deadline) {
    switch (deadline.kind()) {
      case DONOR_ANSWER -> answers.onDeadline(deadline);
      case ACTIVATION -> activation.onActivationTime(deadline);
      case PUBLISH_ROUTE -> publication.onRepair(deadline);
      case ROUTING_ACK -> completion.onDeadline(deadline);
      case CODE_EXPIRY -> codes.onExpiry(deadline);
      case ELIGIBILITY_ANSWER -> eligibility.onDeadline(deadline);
      default -> throw new IllegalStateException("unhandled deadline kind " + deadline.kind());
    }
  }
}
