package com.campaigns.workflows;

import io.temporal.common.SearchAttributeKey;

/**
 * Every Temporal name that ops read or that is recorded in history. A Java rename must never rename
 * a type stored in history, so the names are pinned here and in the annotations that use them.
 */
public final class TemporalNames {

  public static final String TASK_QUEUE = "campaigns";
  public static final String WORKFLOW_TYPE = "CampaignWorkflow";
  public static final String WORKFLOW_ID_PREFIX = "campaign-";

  /** The tidy-up after a campaign's run was terminated: pauses its stock (docs/operations.md). */
  public static final String WORKFLOW_TYPE_TIDY_UP = "CampaignTidyUp";

  public static final String TIDY_UP_ID_PREFIX = "tidy-up-";

  public static final String SIGNAL_PAUSE = "pause";
  public static final String SIGNAL_RESUME = "resume";
  public static final String SIGNAL_USAGE = "usage";
  public static final String QUERY_STATUS = "status";
  public static final String UPDATE_PAUSE = "pauseCampaign";
  public static final String UPDATE_RESUME = "resumeCampaign";
  public static final String UPDATE_CANCEL = "cancelCampaign";
  public static final String UPDATE_RESCHEDULE_WAVE = "rescheduleWave";

  /** Four-eyes approval; ops send them too ({@code temporal workflow update execute --name}). */
  public static final String UPDATE_APPROVE = "approve";

  public static final String UPDATE_REJECT = "reject";

  public static final String ACTIVITY_SET_CALLBACK = "SetCallback";
  public static final String ACTIVITY_CREATE_STOCK = "CreateStock";
  public static final String ACTIVITY_ACTIVATE_STOCK = "ActivateStock";
  public static final String ACTIVITY_PAUSE_STOCK = "PauseStock";
  public static final String ACTIVITY_RESTART_STOCK = "RestartStock";
  public static final String ACTIVITY_CHECK_STOCK = "CheckStock";
  public static final String ACTIVITY_CHECK_MERCHANT = "CheckMerchant";
  public static final String ACTIVITY_DESCRIBE_AUDIENCE = "DescribeAudience";
  public static final String ACTIVITY_ISSUE_COUPONS = "IssueCoupons";
  public static final String ACTIVITY_SUMMARIZE_WAVE = "SummarizeWave";
  public static final String ACTIVITY_DOWNLOAD_USE_FLOW = "DownloadUseFlow";
  public static final String ACTIVITY_DOWNLOAD_REFUND_FLOW = "DownloadRefundFlow";
  public static final String ACTIVITY_RECONCILE = "Reconcile";
  public static final String ACTIVITY_RECORD_STATUS = "RecordStatus";

  public static final SearchAttributeKey<String> CAMPAIGN_ID =
      SearchAttributeKey.forKeyword("CampaignId");
  public static final SearchAttributeKey<String> CAMPAIGN_STATUS =
      SearchAttributeKey.forKeyword("CampaignStatus");
  public static final SearchAttributeKey<String> STOCK_ID =
      SearchAttributeKey.forKeyword("StockId");
  public static final SearchAttributeKey<String> MCHID = SearchAttributeKey.forKeyword("Mchid");

  private TemporalNames() {}

  public static String workflowId(String campaignId) {
    return WORKFLOW_ID_PREFIX + campaignId;
  }

  public static String tidyUpWorkflowId(String campaignId) {
    return TIDY_UP_ID_PREFIX + campaignId;
  }
}
