package npc.simulator.scenario;

/**
 * A scenario file the simulator cannot run: malformed YAML, a key the format does not know, a value out of range, or
 * a carrier, tactic or reason the regime does not have. The message names the line and the key, so that the author
 * can fix the file without reading the loader.
 */
public final class ScenarioException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final int line;
  private final String key;

  /**
   * @param line the 1-based line of the file where the problem is, 0 when the file has none (an empty file)
   * @param key the dotted path of the key ({@code carriers.CM.tactics[0].rate}), empty for the whole file
   * @param problem what is wrong, as a sentence without the line and key
   */
  public ScenarioException(int line, String key, String problem) {
    super("scenario line " + line + (key.isEmpty() ? "" : ", key " + key) + ": " + problem);
    this.line = line;
    this.key = key;
  }

  /** The 1-based line of the problem. */
  public int line() {
    return line;
  }

  /** The dotted path of the key at fault, empty for the whole file. */
  public String key() {
    return key;
  }
}
