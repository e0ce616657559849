package npc.ops.conduct;

import java.time.Instant;
import java.util.Set;
import npc.ops.api.FindingId;
import npc.ops.api.FindingView;

/**
 * A finding the regulator confirmed, with the finding as it stood then.
 *
 * @param channels the carrier's channels (as recipient) the finding's ports came through; empty when the finding is
 *     not about ports the carrier opened
 */
public record Confirmation(FindingId finding, FindingView view, Set<String> channels, String note, Instant at,
    String by) {}
