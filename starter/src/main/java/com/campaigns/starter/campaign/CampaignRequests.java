package com.campaigns.starter.campaign;

/** Small request bodies of the campaign endpoints (snake_case JSON, unknown fields refused). */
final class CampaignRequests {

  private CampaignRequests() {}

  /** {@code {"reason": "..."}} for pause and cancel; the body is optional. */
  record ReasonBody(String reason) {}

  /** {@code {"start_at": "2026-12-02T10:00:00+08:00"}}. */
  record RescheduleBody(String startAt) {}

  /** The validate call's answer. */
  record ValidationResult(boolean valid, com.campaigns.workflows.rules.WavePlanner.Plan plan) {}
}
