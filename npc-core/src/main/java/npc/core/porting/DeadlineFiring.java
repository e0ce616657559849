package npc.core.porting;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import npc.core.deadline.Deadline;
import npc.core.deadline.DeadlineStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Walks the deadline rows due by now, hour by hour, hands each to its handler and deletes it once handled. A
 * handler that fails leaves its row for the next round. Several instances may fire the same row: handlers act
 * through conditional writes, so only one of them changes anything.
 */
final class DeadlineFiring {
  private static final Logger LOG = LoggerFactory.getLogger(DeadlineFiring.class);
  /** How far back the first round looks for deadlines missed while no instance ran. */
  static final Duration LOOKBACK = Duration.ofDays(7);

  private final PortingService service;
  private final DeadlineStore deadlines;
  private final Clock clock;
  private long fromHour = -1;

  DeadlineFiring(PortingService service, DeadlineStore deadlines, Clock clock) {
    this.service = service;
    this.deadlines = deadlines;
    this.clock = clock;
  }

  synchronized int fireDue() {
    Instant now = clock.instant();
    long nowHour = now.getEpochSecond() / 3600;
    if (fromHour < 0) {
      fromHour = now.minus(LOOKBACK).getEpochSecond() / 3600;
    }
    int handled = 0;
    long firstUnfinished = -1;
    for (long hour = fromHour; hour <= nowHour; hour++) {
      List<Deadline> due = deadlines.due(hour, now);
      boolean allHandled = true;
      for (Deadline deadline : due) {
        if (fire(deadline)) {
          deadlines.remove(deadline);
          handled++;
        } else {
          allHandled = false;
        }
      }
      if (firstUnfinished < 0 && (!allHandled || hour == nowHour)) {
        firstUnfinished = hour;
      }
    }
    fromHour = firstUnfinished;
    return handled;
  }

  private boolean fire(Deadline deadline) {
    try {
      switch (deadline.kind()) {
        case DONOR_ANSWER -> service.onDonorDeadline(deadline);
        case ACTIVATION -> service.onActivationTime(deadline);
        case PUBLISH_ROUTE -> service.onPublishRoute(deadline);
        case ROUTING_ACK -> service.onRoutingAckDeadline(deadline);
        case CODE_EXPIRY -> service.onCodeExpiry(deadline);
        case ELIGIBILITY_ANSWER -> service.onEligibilityDeadline(deadline);
        default -> throw new IllegalStateException("unhandled deadline kind " + deadline.kind());
      }
      return true;
    } catch (RuntimeException e) {
      LOG.warn("Deadline {} of {} for {} failed; it stays for the next round", deadline.kind(), deadline.subject(),
          deadline.msisdn(), e);
      return false;
    }
  }
}
