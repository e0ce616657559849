package npc.audit.export;

/** What the verifier found: the export is whole and signed, or the first place where it is not. */
public sealed interface VerifyResult {
  /** The line {@code ./npc audit verify} prints. */
  String message();

  boolean ok();

  /** {@code checkpoints} counts chain and heads checkpoints; the end statement is not counted. */
  record Ok(long entries, int chains, long checkpoints) implements VerifyResult {
    @Override
    public String message() {
      return "audit verify: OK entries=" + entries + " chains=" + chains + " checkpoints=" + checkpoints;
    }

    @Override
    public boolean ok() {
      return true;
    }
  }

  /** The first bad position of the first chain found bad. */
  record Failed(String chain, long position, Tampering kind) implements VerifyResult {
    @Override
    public String message() {
      return "audit verify: FAILED chain=" + chain + " position=" + position + ": " + kind.label();
    }

    @Override
    public boolean ok() {
      return false;
    }
  }
}
