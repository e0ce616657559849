package npc.core.porting;

import java.util.Objects;

/** A request the service refused; nothing was written. {@code detail} is a sentence for the carrier's engineer. */
public record Refused<T>(RefusalCode code, String detail) implements Result<T> {
  public Refused {
    Objects.requireNonNull(code, "code");
    Objects.requireNonNull(detail, "detail");
  }
}
