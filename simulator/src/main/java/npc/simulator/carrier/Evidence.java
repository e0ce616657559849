package npc.simulator.carrier;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import npc.simulator.model.Draws;
import npc.simulator.regime.Reason;
import npc.simulator.scenario.TacticSpec.EvidenceKind;

/**
 * The evidence of a rejection, field by field from the regime's field types. Honest evidence describes a condition
 * the subscriber really has and can fix soon: the bill of last month (still payable), a term that ends within days,
 * one agreement per subscriber. Made-up evidence has the marks the detectors look for in a real liar's: a bill
 * long overdue though the same carrier just said "eligible", a term with months to run though the port is later
 * accepted, and with {@code reused} one agreement cited for every number. Dates keep two days from today so that no
 * time zone tips them across.
 */
public final class Evidence {

  private static final long AMOUNT = Draws.key("evidence.amount");

  private Evidence() {}

  /** The evidence of a condition subscriber {@code subscriber} of {@code carrier} really has. */
  public static Map<String, String> honest(
      Reason reason, String carrier, int subscriber, LocalDate today, long seed) {
    Map<String, String> e = new LinkedHashMap<>();
    reason.evidence().forEach((field, type) -> e.put(field, switch (kind(type)) {
      case "PAST_MONTH" -> YearMonth.from(today).minusMonths(1).toString();
      case "PAST_DATE" -> today.minusDays(2 + subscriber % 20).toString();
      case "FUTURE_DATE" -> today.plusDays(2 + subscriber % 12).toString();
      case "POSITIVE_AMOUNT" -> amount(seed, subscriber);
      case "ONE_OF" -> option(reason, field, type);
      default -> carrier + "-" + field + "-" + subscriber;
    }));
    return e;
  }

  /**
   * Made-up evidence for a condition the subscriber does not have.
   *
   * @param request a key of the request, for fresh values
   */
  public static Map<String, String> madeUp(
      Reason reason, String carrier, EvidenceKind kind, long request, LocalDate today, long seed) {
    Map<String, String> e = new LinkedHashMap<>();
    reason.evidence().forEach((field, type) -> e.put(field, switch (kind(type)) {
      case "PAST_MONTH" -> YearMonth.from(today).minusMonths(3).toString();
      case "PAST_DATE" -> today.minusDays(60).toString();
      case "FUTURE_DATE" -> today.plusDays(180).toString();
      case "POSITIVE_AMOUNT" -> amount(seed, request);
      case "ONE_OF" -> option(reason, field, type);
      default -> kind == EvidenceKind.REUSED
          ? carrier + "-" + field + "-000001"
          : carrier + "-" + field + "-" + Long.toHexString(Draws.hash(seed, request));
    }));
    return e;
  }

  private static String kind(String type) {
    int paren = type.indexOf('(');
    return paren < 0 ? type.trim() : type.substring(0, paren).trim();
  }

  /** The first option of a ONE_OF field that the clearinghouse would not refute on a port. */
  private static String option(Reason reason, String field, String type) {
    List<String> options = List.of(type.substring(type.indexOf('(') + 1, type.lastIndexOf(')')).split("\\|"));
    String refuted = reason.refutedOnPort().orElse("");
    return options.stream().filter(o -> !refuted.equals(field + ":" + o)).findFirst().orElseThrow();
  }

  private static String amount(long seed, long key) {
    return Long.toString(1_000 + Math.floorMod(Draws.hash(seed, AMOUNT, key), 49_000L));
  }
}
