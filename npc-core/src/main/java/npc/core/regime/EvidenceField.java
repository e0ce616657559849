package npc.core.regime;

import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;

/**
 * One field a rejection's evidence must carry. {@code allowed} lists the values of a {@code ONE_OF} field.
 *
 * @param shareable whether the carrier that asked an eligibility query may see this field's value; the others
 *     (amounts, dates, agreement ids) are the donor's business with its subscriber, and the asker sees only the
 *     reason's code
 */
public record EvidenceField(String name, EvidenceType type, Set<String> allowed, boolean shareable) {
  public EvidenceField {
    Objects.requireNonNull(type, "type");
    allowed = Collections.unmodifiableSet(new LinkedHashSet<>(allowed)); // keeps the regime file's order
    if (name == null || !name.matches("[a-z][a-z0-9_]{0,39}")) {
      throw new IllegalArgumentException("an evidence field name is lower_snake_case: " + name);
    }
    if ((type == EvidenceType.ONE_OF) == allowed.isEmpty()) {
      throw new IllegalArgumentException("evidence field " + name + ": only ONE_OF fields list allowed values");
    }
  }
}
