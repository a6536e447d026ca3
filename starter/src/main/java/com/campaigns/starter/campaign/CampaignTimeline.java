package com.campaigns.starter.campaign;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.List;

/**
 * {@code GET /campaigns/{id}/timeline} (extension): issued and used coupons per minute from the
 * ledger, with running totals, and the budget and thresholds to draw them against. Minutes without
 * an issued or used coupon are left out. Amounts in fen; minutes in Asia/Shanghai time.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record CampaignTimeline(
    String campaignId, long maxAmount, List<Threshold> thresholds, List<Point> points) {

  /** A budget threshold of the spec, in fen. */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  public record Threshold(String metric, double percent, long amount) {}

  /** One minute: what happened in it, and the totals at its end. */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  public record Point(
      String minute,
      long issuedCount,
      long issuedAmount,
      long usedCount,
      long usedAmount,
      long cumulativeIssuedCount,
      long cumulativeIssuedAmount,
      long cumulativeUsedCount,
      long cumulativeUsedAmount) {}
}
