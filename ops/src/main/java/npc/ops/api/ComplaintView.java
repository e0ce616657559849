package npc.ops.api;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;
import npc.ops.complaint.Complaint;

/** A complaint as the API gives it, with its decision once made. */
@Serdeable
record ComplaintView(String id, String port, String msisdn, String against, String about, @Nullable String reason,
    String note, Instant recordedAt, String recordedBy, @Nullable String outcome, @Nullable String decisionNote,
    @Nullable Instant decidedAt, @Nullable String decidedBy) {

  static ComplaintView of(Complaint c) {
    Complaint.Decision d = c.decision().orElse(null);
    return new ComplaintView(c.id().toString(), c.port().toString(), c.msisdn(), c.against(), c.about(),
        c.reason().orElse(null), c.note(), c.recordedAt(), c.recordedBy(), d == null ? null : d.outcome().name(),
        d == null ? null : d.note(), d == null ? null : d.at(), d == null ? null : d.by());
  }
}
