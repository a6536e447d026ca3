package com.campaigns.workflows.campaign;

import com.campaigns.workflows.TemporalNames;
import com.campaigns.workflows.model.StockTransition;
import com.campaigns.workflows.model.TidyUpRequest;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * The cleanup a terminated campaign never ran (workflow id {@code tidy-up-<campaign id>}, task
 * queue {@code campaigns}): the API is a Temporal client only, so the stock is paused by a worker,
 * which holds the merchant's credentials.
 */
@WorkflowInterface
public interface CampaignTidyUpWorkflow {

  /** Pauses the stock if it is running; answers the stock's state afterwards. */
  @WorkflowMethod(name = TemporalNames.WORKFLOW_TYPE_TIDY_UP)
  StockTransition tidyUp(TidyUpRequest request);
}
