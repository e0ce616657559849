package npc.simulator.score;

/** A findings or truth file the score cannot read: not JSON, or an object without its carrier, rule or tactic. */
public final class ScoreInputException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public ScoreInputException(String message) {
    super(message);
  }
}
