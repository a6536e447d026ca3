package com.campaigns.workflows.model;

/** Where a campaign stands with WeChat Pay's flow files (the status document's {@code flows}). */
public enum FlowsState {
  /** The stock has ended; the files are expected at {@code expected_at}. */
  EXPECTED,
  /** Asking WeChat Pay for the files now; no not-ready answer so far. */
  DOWNLOADING,
  /**
   * WeChat Pay answered "not ready" (or did not answer); the next try is at {@code next_try_at}.
   */
  WAITING,
  /** Both files are downloaded (or WeChat Pay's "no rows" was trusted). */
  DOWNLOADED,
  /** The deadline passed without the files: the report is marked {@code flows_unavailable}. */
  UNAVAILABLE
}
