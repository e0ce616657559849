package npc.ops;

/**
 * A start-up failure whose message is all an operator needs (what is wrong, where, and what to do), so that
 * {@code npc start} prints it as it is instead of the wiring's wrappers around it.
 */
public final class StartupException extends RuntimeException {
  public StartupException(String message) {
    super(message);
  }

  public StartupException(String message, Throwable cause) {
    super(message, cause);
  }
}
