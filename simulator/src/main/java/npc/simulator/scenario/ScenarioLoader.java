package npc.simulator.scenario;

import static npc.simulator.scenario.Fields.duration;
import static npc.simulator.scenario.Fields.error;
import static npc.simulator.scenario.Fields.integer;
import static npc.simulator.scenario.Fields.positiveInt;
import static npc.simulator.scenario.Fields.probability;
import static npc.simulator.scenario.Fields.text;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import npc.simulator.regime.Reason;
import npc.simulator.regime.Regime;
import npc.simulator.regime.Regimes;
import npc.simulator.scenario.TacticSpec.EvidenceKind;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Reads a scenario file strictly (see {@code simulator/docs/scenarios.md}). It reads the YAML as a tree of nodes,
 * never as Java objects, so that every error can name its line, and no tag of the file can make it build anything.
 */
public final class ScenarioLoader {

  /** The only format this loader reads. */
  public static final int FORMAT = 1;

  private static final double SUM_TOLERANCE = 1e-6;

  private ScenarioLoader() {}

  /** Loads the file at {@code path}. */
  public static Scenario load(Path path) throws IOException {
    try (Reader r = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
      return load(r);
    }
  }

  /** Loads a scenario from its text. */
  public static Scenario load(Reader text) {
    LoaderOptions options = new LoaderOptions();
    options.setMaxAliasesForCollections(10);
    options.setAllowRecursiveKeys(false);
    Node root;
    try {
      root = new Yaml(options).compose(text);
    } catch (MarkedYAMLException e) {
      int line = e.getProblemMark() != null ? e.getProblemMark().getLine() + 1 : 0;
      throw new ScenarioException(line, "", "not well-formed YAML: " + e.getProblem());
    } catch (YAMLException e) {
      throw new ScenarioException(0, "", "not well-formed YAML: " + e.getMessage());
    }
    if (root == null) {
      throw new ScenarioException(0, "", "the file is empty");
    }
    return scenario(Fields.of(root, ""));
  }

  private static Scenario scenario(Fields f) {
    Node format = f.required("format");
    if (integer(format, "format") != FORMAT) {
      throw error(format, "format", "this simulator reads format " + FORMAT + " only");
    }
    String name = text(f.required("name"), "name");
    long seed = integer(f.required("seed"), "seed");
    Node regimeNode = f.required("regime");
    String regimeId = text(regimeNode, "regime");
    Regime regime = Regimes.builtIn(regimeId).orElseThrow(() -> error(regimeNode, "regime",
        "unknown regime '" + regimeId + "'; the built-in regimes are " + String.join(", ", Regimes.BUILT_IN)));
    Duration duration = positive(f.required("duration"), "duration");
    PopulationSpec population = population(Fields.of(f.required("population"), "population"), regime);
    DemandSpec demand = demand(Fields.of(f.required("demand"), "demand"), regime);
    Map<String, CarrierSpec> carriers = new LinkedHashMap<>();
    Optional<Node> carriersNode = f.optional("carriers");
    if (carriersNode.isPresent()) {
      Fields c = Fields.of(carriersNode.get(), "carriers");
      for (String id : c.keys()) {
        knownCarrier(c.keyNode(id), c.path(id), id, regime);
        carriers.put(id, carrier(Fields.of(c.required(id), c.path(id)), regime));
      }
    }
    f.done();
    return new Scenario(name, seed, regime, duration, population, demand, carriers);
  }

  private static PopulationSpec population(Fields f, Regime regime) {
    int subscribers = positiveInt(f.required("subscribers"), f.path("subscribers"));
    Map<String, Double> share = distribution(f.required("share"), f.path("share"), regime);
    double corporate = f.optional("corporate").map(n -> probability(n, f.path("corporate"))).orElse(0.0);
    Map<String, Double> defaults = Map.of();
    Map<String, Map<String, Double>> overrides = new LinkedHashMap<>();
    Optional<Node> conditionsNode = f.optional("conditions");
    if (conditionsNode.isPresent()) {
      Fields c = Fields.of(conditionsNode.get(), f.path("conditions"));
      for (String key : c.keys()) {
        if (key.equals("default")) {
          defaults = conditions(c.required(key), c.path(key), regime);
        } else {
          knownCarrier(c.keyNode(key), c.path(key), key, regime);
          overrides.put(key, conditions(c.required(key), c.path(key), regime));
        }
      }
    }
    f.done();
    return new PopulationSpec(subscribers, share, corporate, defaults, overrides);
  }

  private static Map<String, Double> conditions(Node node, String path, Regime regime) {
    Fields f = Fields.of(node, path);
    Map<String, Double> conditions = new LinkedHashMap<>();
    for (String key : f.keys()) {
      if (regime.conditions().stream().noneMatch(r -> r.conditionName().equals(key))) {
        throw error(f.keyNode(key), f.path(key), "unknown condition '" + key + "'; the regime " + regime.id() + " has "
            + String.join(", ", regime.conditions().stream().map(Reason::conditionName).toList()));
      }
      conditions.put(key, probability(f.required(key), f.path(key)));
    }
    return conditions;
  }

  private static DemandSpec demand(Fields f, Regime regime) {
    Node rateNode = f.required("ports_per_s");
    double rate = Fields.number(rateNode, f.path("ports_per_s"));
    if (rate <= 0) {
      throw error(rateNode, f.path("ports_per_s"), "expected a rate above 0, got " + rate);
    }
    Map<String, Double> destination = distribution(f.required("destination"), f.path("destination"), regime);
    DemandSpec d = new DemandSpec(rate, destination,
        optionalProbability(f, "eligibility_query_first"),
        optionalProbability(f, "retry_after_rejection"),
        f.optional("retry_delay").map(n -> positive(n, f.path("retry_delay"))).orElse(Duration.ofSeconds(30)),
        optionalProbability(f, "complaint_after_rejection"),
        optionalProbability(f, "cancel"));
    f.done();
    return d;
  }

  private static CarrierSpec carrier(Fields f, Regime regime) {
    CarrierSpec h = CarrierSpec.HONEST;
    LatencySpec answer = latency(f, "answer_time", h.answerTime());
    LatencySpec eligibility = latency(f, "eligibility_answer_time", h.eligibilityAnswerTime());
    LatencySpec routing = latency(f, "routing_ack_time", h.routingAckTime());
    LatencySpec deactivation = latency(f, "deactivation_time", h.deactivationTime());
    int channels = f.optional("channels").map(n -> positiveInt(n, f.path("channels"))).orElse(h.channels());
    List<TacticSpec> tactics = new ArrayList<>();
    Optional<Node> tacticsNode = f.optional("tactics");
    if (tacticsNode.isPresent()) {
      List<Node> list = Fields.sequence(tacticsNode.get(), f.path("tactics"));
      for (int i = 0; i < list.size(); i++) {
        String path = f.path("tactics") + "[" + i + "]";
        TacticSpec t = tactic(Fields.of(list.get(i), path), regime);
        for (TacticSpec earlier : tactics) {
          if (earlier.tactic() == t.tactic()) {
            throw error(list.get(i), path, "the carrier already uses " + t.tactic().id());
          }
        }
        tactics.add(t);
      }
    }
    f.done();
    return new CarrierSpec(answer, eligibility, routing, deactivation, channels, tactics);
  }

  private static LatencySpec latency(Fields parent, String key, LatencySpec fallback) {
    Optional<Node> node = parent.optional(key);
    if (node.isEmpty()) {
      return fallback;
    }
    Fields f = Fields.of(node.get(), parent.path(key));
    Duration median = positive(f.required("median"), f.path("median"));
    Node p99Node = f.required("p99");
    Duration p99 = positive(p99Node, f.path("p99"));
    if (p99.compareTo(median) < 0) {
      throw error(p99Node, f.path("p99"), "the 99th percentile " + p99 + " is below the median " + median);
    }
    f.done();
    return new LatencySpec(median, p99);
  }

  private static TacticSpec tactic(Fields f, Regime regime) {
    Node nameNode = f.required("tactic");
    String name = text(nameNode, f.path("tactic"));
    Tactic tactic = Tactic.of(name).orElseThrow(() -> error(nameNode, f.path("tactic"),
        "unknown tactic '" + name + "'; the tactics are "
            + String.join(", ", java.util.Arrays.stream(Tactic.values()).map(Tactic::id).toList())));
    Map<String, Node> p = new LinkedHashMap<>();
    for (String parameter : tactic.parameters()) {
      p.put(parameter, f.required(parameter));
    }
    f.done();
    TacticSpec spec = switch (tactic) {
      case FALSE_REASON -> new TacticSpec.FalseReason(
          probability(p.get("rate"), f.path("rate")),
          reason(p.get("reason"), f.path("reason"), regime, Reason::isCondition, "a condition the donor evidences"),
          probability(p.get("lie_at_query"), f.path("lie_at_query")),
          evidence(p.get("evidence"), f.path("evidence")));
      case REPEAT_REJECTION -> new TacticSpec.RepeatRejection(probability(p.get("share"), f.path("share")));
      case SILENCE -> new TacticSpec.Silence(probability(p.get("rate"), f.path("rate")));
      case IGNORE_ELIGIBILITY -> new TacticSpec.IgnoreEligibility(probability(p.get("rate"), f.path("rate")));
      case OFF_LIST_REASON -> new TacticSpec.OffListReason(probability(p.get("rate"), f.path("rate")));
      case REFUTABLE_CLAIM -> new TacticSpec.RefutableClaim(
          probability(p.get("rate"), f.path("rate")),
          reason(p.get("reason"), f.path("reason"), regime, Reason::isRefutable, "a claim the clearinghouse refutes"));
      case SLOW_ROUTING_ACK -> new TacticSpec.SlowRoutingAck(
          probability(p.get("rate"), f.path("rate")), positive(p.get("delay"), f.path("delay")));
      case LATE_DEACTIVATION -> new TacticSpec.LateDeactivation(
          probability(p.get("rate"), f.path("rate")),
          Fields.scalar(p.get("delay"), f.path("delay")).trim().equals("never")
              ? Optional.empty() : Optional.of(positive(p.get("delay"), f.path("delay"))));
      case RETENTION -> new TacticSpec.Retention(probability(p.get("rate"), f.path("rate")));
      case BULK_CHANNEL -> new TacticSpec.BulkChannel(
          belowOne(p.get("share"), f.path("share")), positiveInt(p.get("burst"), f.path("burst")));
      case CODE_GUESSING -> new TacticSpec.CodeGuessing(probability(p.get("rate"), f.path("rate")));
    };
    return spec;
  }

  private static String reason(
      Node node, String path, Regime regime, java.util.function.Predicate<Reason> fits, String kind) {
    String code = text(node, path);
    List<String> fitting = regime.reasons().stream().filter(fits).map(Reason::code).toList();
    if (!fitting.contains(code)) {
      throw error(node, path, "unknown reason '" + code + "' for this tactic; it needs " + kind + " of the regime "
          + regime.id() + ": " + String.join(", ", fitting));
    }
    return code;
  }

  private static EvidenceKind evidence(Node node, String path) {
    String v = text(node, path);
    return switch (v) {
      case "fresh" -> EvidenceKind.FRESH;
      case "reused" -> EvidenceKind.REUSED;
      default -> throw error(node, path, "expected fresh or reused, got '" + v + "'");
    };
  }

  /** A map of carrier to share that sums to 1. */
  private static Map<String, Double> distribution(Node node, String path, Regime regime) {
    Fields f = Fields.of(node, path);
    Map<String, Double> shares = new LinkedHashMap<>();
    double sum = 0;
    for (String id : f.keys()) {
      knownCarrier(f.keyNode(id), f.path(id), id, regime);
      Node n = f.required(id);
      double share = probability(n, f.path(id));
      shares.put(id, share);
      sum += share;
    }
    if (Math.abs(sum - 1) > SUM_TOLERANCE) {
      throw error(node, path, "the shares sum to " + sum + ", not 1");
    }
    return shares;
  }

  private static void knownCarrier(Node node, String path, String id, Regime regime) {
    if (!regime.carriers().contains(id)) {
      throw error(node, path, "unknown carrier '" + id + "'; the carriers of the regime " + regime.id()
          + " that take part in porting are " + String.join(", ", regime.carriers()));
    }
  }

  private static double optionalProbability(Fields f, String key) {
    return f.optional(key).map(n -> probability(n, f.path(key))).orElse(0.0);
  }

  /** A share of a carrier's ports that cannot be all of them: the rest are what the share is relative to. */
  private static double belowOne(Node node, String path) {
    double share = probability(node, path);
    if (share >= 1) {
      throw error(node, path, "expected a share below 1: the others are the ports subscribers asked for");
    }
    return share;
  }

  private static Duration positive(Node node, String path) {
    Duration d = duration(node, path);
    if (d.isZero()) {
      throw error(node, path, "expected a duration above zero");
    }
    return d;
  }
}
