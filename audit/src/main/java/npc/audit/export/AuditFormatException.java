package npc.audit.export;

/**
 * An export that cannot be read as one at all: empty, not JSON, or a line that is not one of the export's lines.
 * Distinct from a verification failure, which names a chain, a position and a kind of tampering.
 */
public final class AuditFormatException extends RuntimeException {
  private final long line;
  private final String detail;

  public AuditFormatException(long line, String detail) {
    super(line > 0 ? "line " + line + ": " + detail : detail);
    this.line = line;
    this.detail = detail;
  }

  public AuditFormatException(long line, String detail, Throwable cause) {
    super(line > 0 ? "line " + line + ": " + detail : detail, cause);
    this.line = line;
    this.detail = detail;
  }

  /** What is wrong, without the line. */
  public String detail() {
    return detail;
  }

  /** The line of the export at fault (1 is the first), 0 for the file as a whole. */
  public long line() {
    return line;
  }
}
