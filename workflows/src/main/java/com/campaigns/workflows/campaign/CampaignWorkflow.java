package com.campaigns.workflows.campaign;

import com.campaigns.workflows.TemporalNames;
import com.campaigns.workflows.model.ApprovalRequest;
import com.campaigns.workflows.model.CampaignInput;
import com.campaigns.workflows.model.CancelRequest;
import com.campaigns.workflows.model.PauseRequest;
import com.campaigns.workflows.model.RescheduleRequest;
import com.campaigns.workflows.model.ResumeRequest;
import com.campaigns.workflows.model.StatusDocument;
import com.campaigns.workflows.model.UsageReport;
import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.SignalMethod;
import io.temporal.workflow.UpdateMethod;
import io.temporal.workflow.UpdateValidatorMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * One voucher campaign from spec to reconciled flow files (workflow id {@code campaign-<id>}, task
 * queue {@code campaigns}). Ops drive it with the {@code pause}/{@code resume} signals; the API
 * uses the validated updates, which answer with the resulting status document.
 */
@WorkflowInterface
public interface CampaignWorkflow {

  /** Runs the campaign; returns the final status document. */
  @WorkflowMethod(name = TemporalNames.WORKFLOW_TYPE)
  StatusDocument run(CampaignInput input);

  /** Pauses issuance and the stock at the next safe point (within seconds). */
  @SignalMethod(name = TemporalNames.SIGNAL_PAUSE)
  void pause(PauseRequest request);

  /** Restarts the stock and continues issuance at the exact recipient where it stopped. */
  @SignalMethod(name = TemporalNames.SIGNAL_RESUME)
  void resume(ResumeRequest request);

  /** Cumulative redemptions from COUPON.USE notifications, sent by the API (absolute totals). */
  @SignalMethod(name = TemporalNames.SIGNAL_USAGE)
  void usage(UsageReport report);

  @QueryMethod(name = TemporalNames.QUERY_STATUS)
  StatusDocument status();

  /** Pauses and answers once the stock is paused. Rejected when the campaign cannot be paused. */
  @UpdateMethod(name = TemporalNames.UPDATE_PAUSE)
  StatusDocument pauseCampaign(PauseRequest request);

  @UpdateValidatorMethod(updateName = TemporalNames.UPDATE_PAUSE)
  void validatePauseCampaign(PauseRequest request);

  /** Resumes and answers once issuance runs again. Rejected unless the campaign is paused. */
  @UpdateMethod(name = TemporalNames.UPDATE_RESUME)
  StatusDocument resumeCampaign(ResumeRequest request);

  @UpdateValidatorMethod(updateName = TemporalNames.UPDATE_RESUME)
  void validateResumeCampaign(ResumeRequest request);

  /** Stops issuing, pauses the stock and ends the campaign as CANCELLED. */
  @UpdateMethod(name = TemporalNames.UPDATE_CANCEL)
  StatusDocument cancelCampaign(CancelRequest request);

  @UpdateValidatorMethod(updateName = TemporalNames.UPDATE_CANCEL)
  void validateCancelCampaign(CancelRequest request);

  /** Moves a wave that has not started to a new start time. */
  @UpdateMethod(name = TemporalNames.UPDATE_RESCHEDULE_WAVE)
  StatusDocument rescheduleWave(RescheduleRequest request);

  @UpdateValidatorMethod(updateName = TemporalNames.UPDATE_RESCHEDULE_WAVE)
  void validateRescheduleWave(RescheduleRequest request);

  /**
   * Four eyes: approves a campaign in AWAITING_APPROVAL, which then creates its stock; answers once
   * the campaign has left AWAITING_APPROVAL. Rejected for the person who started it.
   */
  @UpdateMethod(name = TemporalNames.UPDATE_APPROVE)
  StatusDocument approve(ApprovalRequest request);

  @UpdateValidatorMethod(updateName = TemporalNames.UPDATE_APPROVE)
  void validateApprove(ApprovalRequest request);

  /** Four eyes: rejects a campaign in AWAITING_APPROVAL, which ends REJECTED without a stock. */
  @UpdateMethod(name = TemporalNames.UPDATE_REJECT)
  StatusDocument reject(ApprovalRequest request);

  @UpdateValidatorMethod(updateName = TemporalNames.UPDATE_REJECT)
  void validateReject(ApprovalRequest request);
}
