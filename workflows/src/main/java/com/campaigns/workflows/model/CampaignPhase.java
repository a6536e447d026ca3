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
  CANCELLED;

  public boolean isTerminal() {
    return this == COMPLETED || this == FAILED || this == CANCELLED;
  }
}
