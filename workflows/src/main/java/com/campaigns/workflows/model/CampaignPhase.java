package com.campaigns.workflows.model;

/** A campaign's status as ops and marketers see it (SPEC §4). */
public enum CampaignPhase {
  /**
   * Extension (four-eyes approval): the budget is above the merchant's approval threshold; nothing
   * reaches WeChat Pay until another person with the approver role approves.
   */
  AWAITING_APPROVAL,
  SCHEDULED,
  CREATING_STOCK,
  ACTIVATING,
  RUNNING,
  PAUSED,
  ENDED,
  DOWNLOADING_FLOWS,
  COMPLETED,
  FAILED,
  CANCELLED,
  /** Extension: an approver rejected the campaign before any WeChat Pay call. */
  REJECTED,
  /** Extension: nobody approved the campaign before its activation time; no stock was created. */
  EXPIRED,
  /**
   * Extension: the run was terminated in Temporal (Web UI, {@code temporal workflow terminate}).
   * Never entered by the workflow: the API and the campaign index read it from Temporal.
   */
  TERMINATED,
  /** Extension: the run hit a Temporal execution or run timeout; as for {@link #TERMINATED}. */
  TIMED_OUT;

  public boolean isTerminal() {
    return this == COMPLETED
        || this == FAILED
        || this == CANCELLED
        || this == REJECTED
        || this == EXPIRED
        || this == TERMINATED
        || this == TIMED_OUT;
  }
}
