package npc.simulator.run;

import java.time.Duration;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import npc.gateway.client.CarrierClient;
import npc.gateway.client.NotSentException;
import npc.gateway.protocol.v1.AuthorisationCodeRequest;
import npc.gateway.protocol.v1.CancelRequest;
import npc.gateway.protocol.v1.DeactivationConfirm;
import npc.gateway.protocol.v1.DonorAnswer;
import npc.gateway.protocol.v1.EligibilityAnswer;
import npc.gateway.protocol.v1.EligibilityQueryNotice;
import npc.gateway.protocol.v1.EligibilityResultNotice;
import npc.gateway.protocol.v1.EligibilityState;
import npc.gateway.protocol.v1.ErrorCode;
import npc.gateway.protocol.v1.PortNotice;
import npc.gateway.protocol.v1.PortRequest;
import npc.gateway.protocol.v1.PortStatus;
import npc.gateway.protocol.v1.Reason;
import npc.simulator.carrier.Answer;
import npc.simulator.carrier.Carrier;
import npc.simulator.carrier.Case;
import npc.simulator.carrier.Decision;
import npc.simulator.carrier.TruthLog;
import npc.simulator.model.Demand;
import npc.simulator.model.Draws;
import npc.simulator.model.Population;
import npc.simulator.scenario.Scenario;
import npc.simulator.scenario.Tactic;

/**
 * Plays one run over the gateway: each arrival becomes a query (maybe), a code from the donor and a port request
 * from the recipient; each carrier's agent answers what the gateway pushes to it by {@link Carrier}'s decisions,
 * after the carrier's answer times. A subscriber takes part in one attempt at a time. The decisions are pure; this
 * class only sends them, schedules them and records what a tactic touched.
 */
final class Driver {

  private static final int PICKS = 20;
  private static final int GUESSES = 3;
  /** How long a deactivation confirmation the gateway did not take is sent again (it has no deadline of its own). */
  private static final Duration DEACTIVATION_RESEND = Duration.ofMinutes(1);

  private final Scenario scenario;
  private final Population population;
  private final Demand demand;
  private final Map<String, Carrier> carriers;
  private final TruthLog truth;
  private final Metrics metrics;
  private final ScheduledExecutorService timer;
  private final String run;
  /** Records and decides the subscribers' complaints; null when the run has no access to the HTTP API. */
  private final Regulator regulator;
  private final Map<String, CarrierClient> clients = new ConcurrentHashMap<>();
  private final Map<Integer, Attempt> active = new ConcurrentHashMap<>();
  private final Set<String> answered = ConcurrentHashMap.newKeySet();
  private final Map<String, AtomicLong> requested = new ConcurrentHashMap<>();
  private final Map<String, AtomicLong> bursts = new ConcurrentHashMap<>();

  Driver(Scenario scenario, Population population, Map<String, Carrier> carriers, TruthLog truth, Metrics metrics,
      ScheduledExecutorService timer, String run, Regulator regulator) {
    this.scenario = scenario;
    this.population = population;
    this.demand = new Demand(scenario.demand(), scenario.seed(), population);
    this.carriers = carriers;
    this.truth = truth;
    this.metrics = metrics;
    this.timer = timer;
    this.run = run;
    this.regulator = regulator;
  }

  void attach(String carrier, CarrierClient client) {
    clients.put(carrier, client);
  }

  Demand demand() {
    return demand;
  }

  /** Attempts under way. */
  int active() {
    return active.size();
  }

  private String name(int carrier) {
    return population.carriers().get(carrier);
  }

  private LocalDate today() {
    return LocalDate.now(scenario.regime().zone());
  }

  /** Arrival {@code n}: a subscriber not already porting, who wants another carrier. */
  void arrive(long n) {
    for (int pick = 0; pick < PICKS; pick++) {
      var wish = demand.wish(n, pick);
      if (wish.isEmpty()) {
        continue;
      }
      var w = wish.get();
      String recipient = name(w.recipient());
      Attempt a = new Attempt(n, w.subscriber(), population.server(w.subscriber()), w.recipient(), 0,
          w.queryFirst(), w.cancels(), carriers.get(recipient).channel(n));
      if (active.putIfAbsent(w.subscriber(), a) != null) {
        continue;
      }
      metrics.count("arrivals");
      begin(a);
      recipientExtras(recipient, n);
      return;
    }
    metrics.count("arrivals_dropped_busy");
  }

  private void begin(Attempt a) {
    if (a.queryFirst()) {
      CarrierClient r = clients.get(name(a.recipient()));
      r.queryEligibility(population.msisdn(a.subscriber()), Identities.type(population.corporate(a.subscriber())),
          Identities.of(a.subscriber(), scenario.seed())).whenComplete((ok, failure) -> {
            if (failure != null) {
              metrics.count("queries_refused");
              end(a);
            } else {
              metrics.count("queries");
            }
          });
    } else {
      codeThenPort(a, false);
    }
  }

  /** The donor issues the subscriber a code (the subscriber asked it), then the recipient requests the port. */
  private void codeThenPort(Attempt a, boolean bulk) {
    String msisdn = population.msisdn(a.subscriber());
    var identity = Identities.of(a.subscriber(), scenario.seed());
    clients.get(name(a.donor())).requestAuthorisationCode(AuthorisationCodeRequest.newBuilder()
        .setMsisdn(msisdn).setSubscriber(identity).build()).whenComplete((code, failure) -> {
          if (failure != null) {
            metrics.count("codes_refused");
            end(a);
            return;
          }
          long sent = System.nanoTime();
          clients.get(name(a.recipient())).requestPort(PortRequest.newBuilder()
              .setIdempotencyKey(a.key(run)).setMsisdn(msisdn).setOrderId(a.key(run)).setChannel(a.channel())
              .setSubscriberType(Identities.type(population.corporate(a.subscriber())))
              .setSubscriber(identity).setAuthorisationCode(code.getCode()).build())
              .whenComplete((ack, refused) -> {
                metrics.record("submit_ack", (System.nanoTime() - sent) / 1000);
                if (refused != null || ack.hasRejected()) {
                  metrics.count(refused != null ? "ports_refused" : "ports_rejected_by_clearinghouse");
                  end(a);
                  return;
                }
                metrics.count("ports_opened");
                if (bulk) {
                  truth.touched(name(a.recipient()), Tactic.BULK_CHANNEL, "port",
                      ids("port", ack.getPortId(), "msisdn", msisdn, "channel", a.channel()));
                }
                if (a.cancels()) {
                  timer.schedule(() -> cancel(a.recipient(), ack.getPortId()), 300, TimeUnit.MILLISECONDS);
                }
              });
        });
  }

  private void cancel(int recipient, String port) {
    clients.get(name(recipient)).cancelPort(CancelRequest.newBuilder().setPortId(port).build())
        .whenComplete((ok, failure) -> metrics.count(failure == null ? "cancels" : "cancels_refused"));
  }

  /** What a recipient does besides the subscriber's port: bursts of unrequested ports, code guessing. */
  private void recipientExtras(String recipient, long n) {
    Carrier r = carriers.get(recipient);
    long asked = requested.computeIfAbsent(recipient, k -> new AtomicLong()).incrementAndGet();
    AtomicLong sent = bursts.computeIfAbsent(recipient, k -> new AtomicLong());
    int due;
    synchronized (sent) {
      due = r.burstsDue(asked, sent.get());
      sent.addAndGet(due);
    }
    int recipientIndex = population.carriers().indexOf(recipient);
    for (int b = 0; b < due; b++) {
      for (int k = 0; k < r.burst(); k++) {
        int s = victim(recipientIndex, Draws.hash(scenario.seed(), Draws.key("bulk"), n, b, k));
        if (s >= 0) {
          Attempt a = new Attempt(n, s, population.server(s), recipientIndex, 0, false, false, r.bulkChannel());
          codeThenPort(a, true);
        }
      }
    }
    if (r.guessesCodes(n)) {
      int s = victim(recipientIndex, Draws.hash(scenario.seed(), Draws.key("guess"), n));
      if (s >= 0) {
        guessCodes(recipientIndex, s, n);
      }
    }
  }

  /** A subscriber of another carrier who is not porting, taken for a port it never asked for; -1 if none. */
  private int victim(int recipient, long key) {
    for (int pick = 0; pick < PICKS; pick++) {
      int s = (int) Math.floorMod(Draws.hash(key, pick), (long) population.size());
      if (population.server(s) != recipient && active.putIfAbsent(s,
          new Attempt(-1, s, population.server(s), recipient, 0, false, false, "")) == null) {
        return s;
      }
    }
    return -1;
  }

  private void guessCodes(int recipient, int s, long n) {
    String msisdn = population.msisdn(s);
    clients.get(name(population.server(s))).requestAuthorisationCode(AuthorisationCodeRequest.newBuilder()
        .setMsisdn(msisdn).setSubscriber(Identities.of(s, scenario.seed())).build()).whenComplete((code, failure) -> {
          if (failure != null) {
            active.remove(s);
            return;
          }
          for (int g = 0; g < GUESSES; g++) {
            String wrong = String.valueOf((Integer.parseInt(code.getCode().replaceAll("\\D", "0")) + 1 + g)
                % 1_000_000);
            String guess = "0".repeat(Math.max(0, code.getCode().length() - wrong.length())) + wrong;
            String key = run + "-guess-" + n + "-" + g;
            clients.get(name(recipient)).requestPort(PortRequest.newBuilder().setIdempotencyKey(key)
                .setMsisdn(msisdn).setOrderId(key).setChannel(carriers.get(name(recipient)).channel(n))
                .setSubscriberType(Identities.type(population.corporate(s)))
                .setSubscriber(Identities.of(s, scenario.seed())).setAuthorisationCode(guess).build());
            truth.touched(name(recipient), Tactic.CODE_GUESSING, "code_guess", ids("msisdn", msisdn, "key", key));
          }
          timer.schedule(() -> active.remove(s), 1, TimeUnit.SECONDS);
        });
  }

  // ---- the donor's side ----

  void onEligibilityQuery(String carrier, EligibilityQueryNotice notice) {
    timeLeft("query_notice", notice.getDeadline());
    int s = population.indexOf(notice.getMsisdn());
    Attempt a = s < 0 ? null : active.get(s);
    Carrier c = carriers.get(carrier);
    Decision d = c.answerQuery(new Case(s, a == null ? 0 : a.number(), s < 0 ? -1 : population.blocking(s),
        today()));
    d.touched().forEach(t -> truth.touched(carrier, t, "query",
        ids("query", notice.getQueryId(), "msisdn", notice.getMsisdn())));
    if (d.answer().kind() == Answer.Kind.SILENT) {
      return;
    }
    EligibilityAnswer.Builder answer = EligibilityAnswer.newBuilder().setQueryId(notice.getQueryId());
    if (d.answer().kind() == Answer.Kind.REJECT) {
      answer.addReasons(reason(d.answer()));
    }
    Duration after = c.eligibilityAnswerTime(Draws.key(notice.getQueryId()));
    long due = millis(notice.getDeadline());
    timer.schedule(() -> resend(() -> clients.get(carrier).answerEligibility(answer.build()), due, 0,
        "queries_answered", "query_answers"), after.toMillis(), TimeUnit.MILLISECONDS);
  }

  void onPortNotice(String carrier, PortNotice notice) {
    if (!answered.add(notice.getPortId())) {
      return;
    }
    timeLeft("port_notice", notice.getDonorDeadline());
    int s = population.indexOf(notice.getMsisdn());
    Attempt a = s < 0 ? null : active.get(s);
    Carrier c = carriers.get(carrier);
    long portKey = Draws.key(notice.getPortId());
    Decision d = c.answerPort(new Case(s, a == null ? 0 : a.number(), s < 0 ? -1 : population.blocking(s),
        today()));
    Map<String, String> ids = ids("port", notice.getPortId(), "msisdn", notice.getMsisdn());
    d.touched().forEach(t -> truth.touched(carrier, t, "port", ids));
    if (c.retains(portKey)) {
      truth.touched(carrier, Tactic.RETENTION, "port", ids);
      int recipient = population.carriers().indexOf(notice.getRecipient());
      timer.schedule(() -> cancel(recipient, notice.getPortId()), 1, TimeUnit.SECONDS);
    }
    Duration after = c.answerTime(portKey);
    long due = millis(notice.getDonorDeadline());
    Runnable answer = () -> {
      if (d.answer().kind() != Answer.Kind.SILENT) {
        send(carrier, notice.getPortId(), d.answer(), due);
      }
    };
    if (d.firstTry().isPresent()) {
      clients.get(carrier).answerPort(donorAnswer(notice.getPortId(), d.firstTry().get()))
          .whenComplete((ok, refused) -> {
            metrics.count(refused != null ? "first_tries_refused_" + why(refused) : "first_tries_accepted");
            timer.schedule(answer, after.toMillis(), TimeUnit.MILLISECONDS);
          });
    } else {
      timer.schedule(answer, after.toMillis(), TimeUnit.MILLISECONDS);
    }
  }

  private void send(String carrier, String port, Answer answer, long due) {
    resend(() -> clients.get(carrier).answerPort(donorAnswer(port, answer)), due, 0, "donor_answers",
        "donor_answers");
  }

  /**
   * Sends a carrier's answer, and sends it again when the gateway did not take it (BUSY, or the client could not
   * send it: nothing was handled), after a pause of 250 ms doubling up to 2 s, while its deadline ({@code due}, in
   * epoch milliseconds) is ahead: what the protocol asks of every carrier, honest or not. Counts {@code done} once
   * taken, {@code flow}{@code _resent} per resend, {@code flow}{@code _refused_}{@code WHY} when given up.
   */
  private void resend(java.util.function.Supplier<java.util.concurrent.CompletableFuture<?>> call, long due,
      int attempt, String done, String flow) {
    call.get().whenComplete((ok, failure) -> {
      if (failure == null) {
        metrics.count(done);
        return;
      }
      long pause = Math.min(2_000, 250L << Math.min(attempt, 3));
      if (notTaken(failure) && System.currentTimeMillis() + pause < due) {
        metrics.count(flow + "_resent");
        timer.schedule(() -> resend(call, due, attempt + 1, done, flow), pause, TimeUnit.MILLISECONDS);
      } else {
        metrics.count(flow + "_refused_" + why(failure));
      }
    });
  }

  /** The gateway did not handle the request: it said BUSY, or the client never sent it (but not a closed client). */
  private static boolean notTaken(Throwable failure) {
    Throwable cause = failure instanceof java.util.concurrent.CompletionException && failure.getCause() != null
        ? failure.getCause() : failure;
    return cause instanceof npc.gateway.client.GatewayException g && g.code() == ErrorCode.BUSY
        || cause instanceof NotSentException n && (n.reason() == NotSentException.Reason.NOT_CONNECTED
            || n.reason() == NotSentException.Reason.TOO_MANY_IN_FLIGHT);
  }

  private static long millis(com.google.protobuf.Timestamp at) {
    return at.getSeconds() * 1000 + at.getNanos() / 1_000_000;
  }

  private static DonorAnswer donorAnswer(String port, Answer answer) {
    DonorAnswer.Builder b = DonorAnswer.newBuilder().setPortId(port);
    if (answer.kind() == Answer.Kind.ACCEPT) {
      b.setAccept(DonorAnswer.Accept.getDefaultInstance());
    } else {
      b.setReject(reason(answer));
    }
    return b.build();
  }

  private static Reason reason(Answer answer) {
    return Reason.newBuilder().setCode(answer.reason()).putAllEvidence(answer.evidence()).build();
  }

  // ---- both sides: the outcome ----

  void onEligibilityResult(String carrier, EligibilityResultNotice notice) {
    int s = population.indexOf(notice.getMsisdn());
    Attempt a = s < 0 ? null : active.get(s);
    if (a == null || !carrier.equals(name(a.recipient()))) {
      return;
    }
    if (notice.getState() == EligibilityState.ELIGIBILITY_STATE_ANSWERED && !notice.getEligible()
        && notice.getReasonsCount() > 0) {
      metrics.count("queries_ineligible");
      rejected(a, notice.getReasons(0).getCode(), null, null);
    } else {
      metrics.count(notice.getState() == EligibilityState.ELIGIBILITY_STATE_EXPIRED ? "queries_expired"
          : "queries_eligible");
      codeThenPort(a, false);
    }
  }

  void onPortStatus(String carrier, PortStatus port) {
    int s = population.indexOf(port.getMsisdn());
    if (carrier.equals(port.getDonor())) {
      if (port.getState() == npc.gateway.protocol.v1.PortState.PORT_STATE_ACTIVATED) {
        Carrier.Timed t = carriers.get(carrier).deactivation(Draws.key(port.getPortId()));
        t.touched().forEach(tactic -> truth.touched(carrier, tactic, "deactivation",
            ids("port", port.getPortId(), "msisdn", port.getMsisdn())));
        t.after().ifPresent(after -> timer.schedule(() -> resend(() -> clients.get(carrier).confirmDeactivation(
            DeactivationConfirm.newBuilder().setPortId(port.getPortId()).build()),
            System.currentTimeMillis() + DEACTIVATION_RESEND.toMillis(), 0, "deactivations", "deactivations"),
            after.toMillis(), TimeUnit.MILLISECONDS));
      }
      return;
    }
    if (!carrier.equals(port.getRecipient()) || s < 0) {
      return;
    }
    Attempt a = active.get(s);
    switch (port.getState()) {
      case PORT_STATE_REJECTED_BY_DONOR -> {
        metrics.count("ports_rejected_by_donor");
        if (a != null) {
          rejected(a, port.getRejection().getCode(), port.getPortId(), port.getDonor());
        }
      }
      case PORT_STATE_ACTIVATED -> population.ported(s, population.carriers().indexOf(port.getRecipient()));
      case PORT_STATE_COMPLETED, PORT_STATE_COMPLETED_WITH_LAGGARDS, PORT_STATE_CANCELLED, PORT_STATE_REVERSED -> {
        if (a == null) {
          return;  // a port of an earlier run, ending now
        }
        metrics.count(port.getState() == npc.gateway.protocol.v1.PortState.PORT_STATE_CANCELLED ? "ports_cancelled"
            : "ports_completed");
        if (port.hasSubmittedAt() && port.hasEndedAt()) {
          metrics.record("port_end_to_end", micros(port.getSubmittedAt(), port.getEndedAt()));
        }
        if (port.hasActivatedAt() && port.hasEndedAt()
            && port.getState() != npc.gateway.protocol.v1.PortState.PORT_STATE_CANCELLED) {
          // From the routing broadcast to the last acknowledgement, by the clearinghouse's own clock.
          metrics.record("broadcast_ack", micros(port.getActivatedAt(), port.getEndedAt()));
        }
        end(a);
      }
      default -> { }
    }
  }

  /** How long a donor had left to answer when told: a flow per kind of notice, and a count of those told too late. */
  private void timeLeft(String flow, com.google.protobuf.Timestamp deadline) {
    long left = deadline.getSeconds() * 1_000_000L + deadline.getNanos() / 1000
        - System.currentTimeMillis() * 1000;
    if (left > 0) {
      metrics.record(flow + "_time_left", left);
    } else {
      metrics.count(flow + "s_past_deadline");
    }
  }

  private static long micros(com.google.protobuf.Timestamp from, com.google.protobuf.Timestamp to) {
    return (to.getSeconds() - from.getSeconds()) * 1_000_000L + (to.getNanos() - from.getNanos()) / 1000;
  }

  /**
   * A rejection the subscriber reacts to: it retries (having fixed its conditions if rightly rejected) or not, and
   * may complain to the regulator about a port's rejection (a query's has no port to name), who decides by the truth.
   */
  private void rejected(Attempt a, String code, String port, String donor) {
    List<npc.simulator.regime.Reason> conditions = population.conditions();
    int condition = -1;
    for (int j = 0; j < conditions.size(); j++) {
      if (conditions.get(j).code().equals(code)) {
        condition = j;
      }
    }
    boolean rightful = condition >= 0 && population.has(a.subscriber(), condition);
    Demand.Reaction r = demand.afterRejection(a.subscriber(), a.number(), rightful);
    if (r.complain()) {
      if (regulator == null || port == null) {
        metrics.count(port == null ? "complaints_not_filed_query" : "complaints_not_filed_no_api");
      } else {
        regulator.complain(port, donor, code, r.upheld());
      }
    }
    if (r.fixes()) {
      population.fixAll(a.subscriber());
    }
    if (r.retry()) {
      Attempt next = a.retry();
      active.put(a.subscriber(), next);
      timer.schedule(() -> begin(next), scenario.demand().retryDelay().toMillis(), TimeUnit.MILLISECONDS);
    } else {
      end(a);
    }
  }

  private void end(Attempt a) {
    active.remove(a.subscriber());
  }

  /** The gateway's error code of a failed call, or the kind of failure, for the counters. */
  private static String why(Throwable failure) {
    Throwable cause = failure instanceof java.util.concurrent.CompletionException && failure.getCause() != null
        ? failure.getCause() : failure;
    return cause instanceof npc.gateway.client.GatewayException g ? g.code().name()
        : cause.getClass().getSimpleName();
  }

  private static Map<String, String> ids(String... kv) {
    Map<String, String> ids = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      ids.put(kv[i], kv[i + 1]);
    }
    return ids;
  }
}
