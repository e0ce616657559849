package npc.ops.conduct;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;
import java.util.List;
import npc.ops.api.FindingView;

/**
 * One entry of the bad-conduct list as the API gives it: the carrier (and the channel, for a channel's entry) and its
 * confirmed findings, each with its evidence (entries of the record, subjects) as it stood when confirmed, and
 * {@code findings}, the query of the findings API that shows the finding as the detectors keep it now.
 */
@Serdeable
record BadConductView(String carrier, String carrierName, @Nullable String channel, List<Confirmed> confirmed) {

  /** A confirmed finding. */
  @Serdeable
  record Confirmed(FindingView finding, String note, Instant confirmedAt, String confirmedBy, String findings) {}

  static BadConductView of(BadConduct.Entry e) {
    return new BadConductView(e.carrier().id().value(), e.carrier().name(), e.channel().orElse(null),
        e.confirmations().stream().map(c -> new Confirmed(c.view(), c.note(), c.at(), c.by(),
            "/api/v1/findings?carrier=" + c.finding().carrier() + "&rule=" + c.finding().rule() + "&from="
                + c.view().from() + "&to=" + c.view().to())).toList());
  }
}
