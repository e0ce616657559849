package npc.cassandra.embedded;

import java.nio.file.Path;

/** The embedded node could not start. The message names the cause and the node's log file. */
public final class NodeStartException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final transient Path logFile;

  NodeStartException(String cause, Path logFile) {
    super(cause + " (node log: " + logFile + ")");
    this.logFile = logFile;
  }

  NodeStartException(String cause, Path logFile, Throwable reason) {
    super(cause + " (node log: " + logFile + ")", reason);
    this.logFile = logFile;
  }

  /** The node's log file, kept for whoever investigates. */
  public Path logFile() {
    return logFile;
  }
}
