package com.campaigns.workflows.campaign;

import com.campaigns.workflows.activity.FlowActivities;
import com.campaigns.workflows.activity.IssuanceActivities;
import com.campaigns.workflows.activity.StockActivities;
import io.temporal.activity.ActivityOptions;
import io.temporal.workflow.Workflow;

/**
 * Activity stubs made per call, so that each scheduled activity carries a summary saying what it
 * does for this campaign ("pause stock 123: MANUAL"): the line ops read in the Web UI.
 */
final class ActivityStubs {

  private ActivityStubs() {}

  static StockActivities stock(String summary, ActivityOptions options) {
    return Workflow.newActivityStub(StockActivities.class, withSummary(options, summary));
  }

  static IssuanceActivities issuance(String summary, ActivityOptions options) {
    return Workflow.newActivityStub(IssuanceActivities.class, withSummary(options, summary));
  }

  static FlowActivities flows(String summary, ActivityOptions options) {
    return Workflow.newActivityStub(FlowActivities.class, withSummary(options, summary));
  }

  private static ActivityOptions withSummary(ActivityOptions options, String summary) {
    return options.toBuilder().setSummary(summary).build();
  }
}
