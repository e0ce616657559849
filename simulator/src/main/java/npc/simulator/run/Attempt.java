package npc.simulator.run;

/**
 * One attempt of one subscriber to port: its first, or a retry after a rejection, or a port the recipient sent for
 * a subscriber who never asked (bulk).
 *
 * @param arrival the arrival it came from (its key for draws)
 * @param subscriber the subscriber's index
 * @param donor the carrier serving the number when the attempt began
 * @param recipient the carrier the subscriber wants
 * @param number 0 for the first attempt, then 1, 2, ... for retries
 * @param queryFirst whether the recipient asks an eligibility query before the port
 * @param cancels whether the subscriber cancels the port once open
 * @param channel the channel the recipient's request comes through
 */
record Attempt(
    long arrival, int subscriber, int donor, int recipient, int number, boolean queryFirst, boolean cancels,
    String channel) {

  /** The retry of this attempt. */
  Attempt retry() {
    return new Attempt(arrival, subscriber, donor, recipient, number + 1, queryFirst, cancels, channel);
  }

  /** The idempotency key of this attempt's port request: one per attempt, never reused. */
  String key(String run) {
    return run + "-" + arrival + "-" + subscriber + "-" + number;
  }
}
