package com.campaigns.workflows.model;

/** A campaign's status as ops and marketers see it (SPEC §4). */
public enum CampaignPhase {
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
        || this == TERMINATED
        || this == TIMED_OUT;
  }
}
