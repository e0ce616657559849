package npc.ops.dashboard;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;
import java.util.Map;

/**
 * What the dashboard shows besides findings: live counters, each carrier's figures, and rejections per minute. Every
 * figure counts what this instance saw since it started ({@code since}).
 *
 * @param live requests answered by the gateway, ports open, carriers connected now
 * @param carriers one row per carrier of the regime
 * @param rejections per minute from {@code rejectionsFrom}, by carrier and reason
 */
@Serdeable
public record DashboardSummary(String generatedAt, String since, Live live, List<CarrierRow> carriers,
    String rejectionsFrom, List<RejectionSeries> rejections) {

  @Serdeable
  public record Live(long requests, long portsOpen, List<String> connectedCarriers, int sessions) {}

  /**
   * @param portsRequested ports it asked for as recipient (opened or rejected by the clearinghouse's checks)
   * @param portsEnded ports it was party to that ended (clearinghouse rejections of its requests included)
   * @param successRate completed over ended; null when none ended
   * @param answers its answers as donor; {@code answerP50Ms} and {@code answerP99Ms} over the last ten minutes
   * @param deemedAcceptances its silences past the deadline, deemed acceptance
   * @param rejectionsByReason the rejections it made as donor and those its requests got from the clearinghouse
   */
  @Serdeable
  public record CarrierRow(String carrier, String name, long portsRequested, long portsEnded, long portsCompleted,
      @Nullable Double successRate, long answers, @Nullable Double answerP50Ms, @Nullable Double answerP99Ms,
      long deemedAcceptances, Map<String, Long> rejectionsByReason) {}

  @Serdeable
  public record RejectionSeries(String carrier, String reason, List<Long> perMinute) {}
}
