package com.campaigns.starter.campaign;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/** Small request bodies of the campaign endpoints (snake_case JSON, unknown fields refused). */
final class CampaignRequests {

  private CampaignRequests() {}

  /** {@code {"reason": "..."}} for pause and cancel; the body is optional. */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  record ReasonBody(String reason) {}

  /** {@code {"start_at": "2026-12-02T10:00:00+08:00"}}. */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  record RescheduleBody(String startAt) {}

  /** The validate call's answer. */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  record ValidationResult(boolean valid, com.campaigns.workflows.rules.WavePlanner.Plan plan) {}
}
