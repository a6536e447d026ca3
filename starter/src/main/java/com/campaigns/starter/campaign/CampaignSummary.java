package com.campaigns.starter.campaign;

import com.campaigns.ledger.CampaignIndex;
import com.campaigns.workflows.model.StatusDocument;
import com.campaigns.workflows.rules.BudgetGuard;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.time.OffsetDateTime;

/**
 * One line of {@code GET /campaigns}, read from the campaign index (kept current by the workflow),
 * so listing works on any Temporal server, including the test server without visibility queries.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record CampaignSummary(
    String campaignId,
    String status,
    String stockId,
    StatusDocument.Tally issued,
    StatusDocument.Budget budget,
    String mchid,
    String pauseReason,
    String createdBy,
    OffsetDateTime createdAt) {

  static CampaignSummary of(CampaignIndex.Summary e) {
    return new CampaignSummary(
        e.campaignId(),
        e.status(),
        e.stockId(),
        new StatusDocument.Tally(e.issuedCount(), e.issuedAmount()),
        new StatusDocument.Budget(
            e.maxAmount(),
            BudgetGuard.percentOf(e.issuedAmount(), e.maxAmount()),
            BudgetGuard.percentOf(e.usedAmount(), e.maxAmount())),
        e.mchid(),
        e.pauseReason(),
        e.createdBy(),
        e.createdAt());
  }
}
