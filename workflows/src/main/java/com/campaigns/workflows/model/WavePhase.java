package com.campaigns.workflows.model;

/** A wave's status (SPEC §4). */
public enum WavePhase {
  PENDING,
  RUNNING,
  PAUSED,
  DONE,
  CANCELLED
}
