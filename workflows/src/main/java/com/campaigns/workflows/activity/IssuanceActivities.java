package com.campaigns.workflows.activity;

import com.campaigns.workflows.TemporalNames;
import com.campaigns.workflows.model.AudienceInfo;
import com.campaigns.workflows.model.IssueRequest;
import com.campaigns.workflows.model.IssueResult;
import com.campaigns.workflows.model.WaveSummary;
import com.campaigns.workflows.model.WaveSummaryRequest;
import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/** Coupon issuance to a wave's audience, checkpointed in the ledger. */
@ActivityInterface
public interface IssuanceActivities {

  /** Counts a stored audience. Fails with AUDIENCE_NOT_FOUND (non-retryable) when it is absent. */
  @ActivityMethod(name = TemporalNames.ACTIVITY_DESCRIBE_AUDIENCE)
  AudienceInfo describeAudience(String audienceId);

  /**
   * Issues one coupon to each recipient of the segment that has no final outcome in the ledger yet,
   * at most {@code rate_per_second} (and the merchant's shared limit). The out_request_no of every
   * send is derived from (campaign, wave, openid), so retries and resumes are idempotent at WeChat
   * Pay. Heartbeats progress; cancellation stops it within one heartbeat interval after recording
   * every answer already received. Per-recipient rejections are recorded, never thrown.
   */
  @ActivityMethod(name = TemporalNames.ACTIVITY_ISSUE_COUPONS)
  IssueResult issueCoupons(IssueRequest request);

  /** Reads per-segment totals of a wave from the ledger. */
  @ActivityMethod(name = TemporalNames.ACTIVITY_SUMMARIZE_WAVE)
  WaveSummary summarizeWave(WaveSummaryRequest request);
}
