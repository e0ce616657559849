package npc.audit.chain;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.ReentrantLock;
import npc.audit.record.AuditEntry;
import npc.audit.record.AuditRecord;
import npc.audit.record.Checkpoint;
import npc.audit.sign.AuditKeys;
import npc.audit.sign.AuditPublicKey;
import npc.audit.sign.AuditSigner;
import npc.core.audit.AuditKind;

/**
 * Rotates the record's signing key on this instance, in the order that keeps every signature provable: a new key is
 * written beside the key file (nothing in use yet); a {@code KEY_ROTATED} entry naming it is appended to this
 * instance's chain; a checkpoint through that entry is signed with the old key and awaited until the database holds
 * it; only then does the new key replace the file (the old one kept as its retired file) and sign this instance's
 * checkpoints, heads checkpoints and exports. A verifier that trusts the old key so learns the new one from the
 * record itself ({@code format.md}, "Keys and rotation"), and nothing is signed with the new key before the
 * checkpoint that introduces it is durable.
 *
 * <p>One rotation at a time on an instance: another while one runs is refused ({@link Running}). A rotation that
 * fails before its entry is appended changes nothing. One that fails after it (the record or the file system does
 * not answer in time) leaves an entry introducing a key that then signs nothing, which no verifier minds; the old
 * key stays in use and in the file.
 */
public final class KeyRotation {
  /** How long the entry and its checkpoint may take to be acknowledged before the rotation gives up. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

  private final ChainAppender chain;
  private final AuditKeys keys;
  private final Clock clock;
  private final Duration timeout;
  private final ReentrantLock running = new ReentrantLock();

  public KeyRotation(ChainAppender chain, AuditKeys keys, Clock clock, Duration timeout) {
    this.chain = chain;
    this.keys = keys;
    this.clock = clock;
    this.timeout = timeout;
  }

  /**
   * A rotation as done: the key before and after, the {@code KEY_ROTATED} entry and the checkpoint by the old key
   * that covers it.
   */
  public record Rotated(AuditPublicKey oldKey, AuditPublicKey newKey, AuditEntry entry, Checkpoint covering) {}

  /** Another rotation runs on this instance; nothing was done. */
  public static final class Running extends IllegalStateException {
    Running() {
      super("a rotation of the audit signing key is already running on this instance; nothing was done");
    }
  }

  /** The rotation did not complete; the detail says what was recorded and that the old key stays in use. */
  public static final class Failed extends RuntimeException {
    Failed(String detail, Throwable cause) {
      super(detail, cause);
    }
  }

  /**
   * Rotates the key, recording {@code actor} ({@code ROLE:<token id>}) and the operator's {@code reason}.
   *
   * @throws Running when a rotation runs already
   * @throws AuditKeys.FileChanged when the key file holds another key than this instance signs with (another
   *     instance rotated it); nothing is recorded
   * @throws UncheckedIOException when the new key cannot be written beside the file; nothing is recorded
   * @throws Failed when the entry or its checkpoint was not acknowledged in time, or the file could not be replaced
   */
  public Rotated rotate(String actor, String reason) {
    if (!running.tryLock()) {
      throw new Running();
    }
    try {
      AuditSigner old = keys.get();
      AuditKeys.Staged staged;
      try {
        staged = keys.stage();
      } catch (IOException e) {
        throw new UncheckedIOException("cannot write the new audit signing key beside " + keys.file() + ": "
            + e.getMessage() + "; nothing was recorded", e);
      }
      try {
        AuditSigner next = staged.signer();
        AuditRecord record = AuditRecord.of(UUID.randomUUID(), clock.instant().truncatedTo(ChronoUnit.MILLIS),
            AuditKind.KEY_ROTATED.name()).withActor(actor).withEvidence(Map.of(
                "newKey", HexFormat.of().formatHex(next.publicKey().raw()),
                "newKeyId", next.keyId().hex(),
                "oldKeyId", old.keyId().hex(),
                "reason", reason));
        AuditEntry entry = await(chain.appendNow(record), "the KEY_ROTATED entry");
        Checkpoint covering = await(chain.checkpointThrough(entry.position(), old),
            "the checkpoint by the old key through the KEY_ROTATED entry at " + entry.chain() + "#"
                + entry.position());
        try {
          keys.install(staged, old);
        } catch (IOException e) {
          throw new Failed("the KEY_ROTATED entry " + entry.chain() + "#" + entry.position() + " is recorded, but "
              + "the key file " + keys.file() + " could not be replaced: " + e.getMessage() + ". The old key stays "
              + "in use; the new one will sign nothing", e);
        }
        return new Rotated(old.publicKey(), next.publicKey(), entry, covering);
      } finally {
        staged.discard();
      }
    } finally {
      running.unlock();
    }
  }

  private <T> T await(CompletableFuture<T> step, String what) {
    try {
      return step.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      throw new Failed(what + " was not acknowledged by the database within " + timeout.toSeconds() + " s; it is "
          + "written when the database answers. The old key stays in use; the new one will sign nothing", e);
    } catch (ExecutionException e) {
      throw new Failed(what + " failed: " + e.getCause(), e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new Failed(what + " was interrupted; the old key stays in use", e);
    }
  }
}
