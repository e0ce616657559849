package npc.ops.audit;

import io.micronaut.serde.annotation.Serdeable;
import npc.audit.chain.KeyRotation;

/**
 * A rotation as done: the key ids before and after, the new public key (PEM) for the regulator, and where the
 * {@code KEY_ROTATED} entry is ({@code chain}, {@code position}) with the position of the old key's checkpoint that
 * covers it.
 */
@Serdeable
public record RotationView(String oldKeyId, String newKeyId, String publicKey, String chain, long position,
    long checkpoint, String rotatedAt) {

  static RotationView of(KeyRotation.Rotated r) {
    return new RotationView(r.oldKey().id().hex(), r.newKey().id().hex(), r.newKey().pem(), r.entry().chain(),
        r.entry().position(), r.covering().head().position(), r.entry().record().at().toString());
  }
}
