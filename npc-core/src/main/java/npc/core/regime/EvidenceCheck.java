package npc.core.regime;

import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Checks a rejection's evidence against what its reason requires: every field present, no unknown field, each
 * well-formed, and none contradicting itself (an unpaid amount of zero, a binding term that has already ended,
 * a billing period that is not over).
 */
public final class EvidenceCheck {
  private static final int MAX_TEXT = 200;

  private EvidenceCheck() {}

  /** The problems found, each a sentence naming the field; empty when the evidence is sound. */
  public static List<String> problems(RejectionReason reason, Map<String, String> evidence, LocalDate today) {
    List<String> problems = new ArrayList<>();
    for (String given : evidence.keySet()) {
      if (reason.evidence().stream().noneMatch(f -> f.name().equals(given))) {
        problems.add(given + " is not evidence for " + reason.code());
      }
    }
    for (EvidenceField field : reason.evidence()) {
      String value = evidence.get(field.name());
      if (value == null || value.isBlank()) {
        problems.add(field.name() + " is missing");
        continue;
      }
      String problem = check(field, value.strip(), today);
      if (problem != null) {
        problems.add(field.name() + " " + problem);
      }
    }
    return problems;
  }

  private static String check(EvidenceField field, String value, LocalDate today) {
    switch (field.type()) {
      case TEXT -> {
        return value.length() > MAX_TEXT ? "is longer than " + MAX_TEXT + " characters" : null;
      }
      case POSITIVE_AMOUNT -> {
        try {
          long amount = Long.parseLong(value);
          return amount > 0 ? null : "must be greater than zero, not " + value;
        } catch (NumberFormatException e) {
          return "is not a whole amount in the smallest currency unit: " + value;
        }
      }
      case PAST_DATE -> {
        LocalDate date = date(value);
        if (date == null) {
          return "is not a date (yyyy-MM-dd): " + value;
        }
        return date.isAfter(today) ? "is in the future: " + value : null;
      }
      case FUTURE_DATE -> {
        LocalDate date = date(value);
        if (date == null) {
          return "is not a date (yyyy-MM-dd): " + value;
        }
        return date.isAfter(today) ? null : "has already passed: " + value;
      }
      case PAST_MONTH -> {
        try {
          YearMonth month = YearMonth.parse(value);
          return month.isBefore(YearMonth.from(today)) ? null : "is not a closed billing period: " + value;
        } catch (DateTimeParseException e) {
          return "is not a month (yyyy-MM): " + value;
        }
      }
      case ONE_OF -> {
        return field.allowed().contains(value) ? null : "must be one of " + field.allowed() + ", not " + value;
      }
      default -> throw new IllegalStateException("unhandled evidence type " + field.type());
    }
  }

  private static LocalDate date(String value) {
    try {
      return LocalDate.parse(value);
    } catch (DateTimeParseException e) {
      return null;
    }
  }
}
