package com.campaigns.workflows.model;

/** The events a campaign writes to its history (the status document's {@code history[].event}). */
public enum CampaignEvent {
  SCHEDULED,
  /** The budget is above the merchant's approval threshold: the campaign waits for an approver. */
  APPROVAL_REQUESTED,
  APPROVED,
  REJECTED,
  /** Not approved before the activation time: the campaign ends without a stock. */
  EXPIRED,
  STOCK_CREATED,
  ACTIVATED,
  WAVE_STARTED,
  WAVE_RESUMED,
  WAVE_RESCHEDULED,
  WAVE_DONE,
  WAVE_CANCELLED,
  THRESHOLD_REACHED,
  PAUSED,
  STOCK_NOT_PAUSED,
  RESUME_FAILED,
  RESUMED,
  INDEX_BEHIND,
  ENDED,
  /** WeChat Pay's first not-ready answer for the flow files: the campaign waits visibly. */
  FLOWS_WAITING,
  /** The flow files did not appear before the deadline: the report is marked so. */
  FLOWS_UNAVAILABLE,
  USE_FLOW_DOWNLOADED,
  REFUND_FLOW_DOWNLOADED,
  RECONCILED,
  COMPLETED,
  CANCELLED,
  FAILED
}
