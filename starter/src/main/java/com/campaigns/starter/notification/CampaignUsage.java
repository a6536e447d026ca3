package com.campaigns.starter.notification;

import com.campaigns.ledger.CouponUses;
import com.campaigns.workflows.TemporalNames;
import com.campaigns.workflows.campaign.CampaignWorkflow;
import com.campaigns.workflows.model.UsageReport;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowNotFoundException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Tells a campaign's workflow its absolute redemption totals from the ledger ({@code usage}
 * signal).
 */
@Component
class CampaignUsage {

  private static final Logger log = LoggerFactory.getLogger(CampaignUsage.class);

  private final WorkflowClient client;
  private final CouponUses uses;

  CampaignUsage(WorkflowClient client, CouponUses uses) {
    this.client = client;
    this.uses = uses;
  }

  void report(String campaignId) {
    CouponUses.Totals totals = uses.totals(campaignId);
    try {
      client
          .newWorkflowStub(CampaignWorkflow.class, TemporalNames.workflowId(campaignId))
          .usage(new UsageReport(totals.count(), totals.amount()));
    } catch (WorkflowNotFoundException e) {
      // A closed campaign: its report reads the ledger directly, nothing to tell.
      log.debug("campaign {} is closed; usage not signalled", campaignId);
    }
  }
}
