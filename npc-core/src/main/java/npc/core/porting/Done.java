package npc.core.porting;

import java.util.Objects;

/** A request the service carried out. */
public record Done<T>(T value) implements Result<T> {
  public Done {
    Objects.requireNonNull(value, "value");
  }
}
