package com.campaigns.workflows.campaign;

import com.campaigns.workflows.activity.StockActivities;
import com.campaigns.workflows.model.StockCommand;
import com.campaigns.workflows.model.StockTransition;
import com.campaigns.workflows.model.TidyUpRequest;
import io.temporal.workflow.Workflow;

/**
 * One activity: {@code PauseStock}, which is idempotent and answers the stock's state when it is
 * not running any more (ended, stopped, already paused).
 */
public class CampaignTidyUpWorkflowImpl implements CampaignTidyUpWorkflow {

  private final StockActivities stock =
      Workflow.newActivityStub(StockActivities.class, ActivityPolicies.tidyUpStockCall());

  @Override
  public StockTransition tidyUp(TidyUpRequest request) {
    if (request.stockId() == null) {
      return new StockTransition(null, null, null);
    }
    return stock.pauseStock(
        new StockCommand(request.campaignId(), request.mchid(), request.stockId()));
  }
}
