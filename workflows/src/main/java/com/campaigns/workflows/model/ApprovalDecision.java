package com.campaigns.workflows.model;

/**
 * Where a campaign's four-eyes approval stands (the status document's {@code approval.decision}).
 */
public enum ApprovalDecision {
  /** Below the threshold: nobody needs to approve. */
  NOT_REQUIRED,
  PENDING,
  APPROVED,
  REJECTED,
  /** Nobody approved before the activation time. */
  EXPIRED,
  /** The campaign was cancelled while it awaited approval: nobody decided. */
  WITHDRAWN
}
