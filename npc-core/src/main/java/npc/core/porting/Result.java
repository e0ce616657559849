package npc.core.porting;

/** The answer to a command: done with a value, or refused with a code and nothing written. */
public sealed interface Result<T> permits Done, Refused {

  static <T> Result<T> done(T value) {
    return new Done<>(value);
  }

  static <T> Result<T> refused(RefusalCode code, String detail) {
    return new Refused<>(code, detail);
  }

  /** The value of a done result; throws for a refused one (for tests and callers that checked). */
  default T value() {
    if (this instanceof Done<T> done) {
      return done.value();
    }
    Refused<T> refused = (Refused<T>) this;
    throw new IllegalStateException("refused: " + refused.code() + ": " + refused.detail());
  }
}
