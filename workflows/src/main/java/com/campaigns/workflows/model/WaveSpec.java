package com.campaigns.workflows.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/** One timed issuance wave: when it starts, who receives a coupon and how fast. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record WaveSpec(String name, String startAt, AudienceSpec audience, Integer ratePerSecond) {

  public WaveSpec withAudience(AudienceSpec newAudience) {
    return new WaveSpec(name, startAt, newAudience, ratePerSecond);
  }

  public WaveSpec withStartAt(String newStartAt) {
    return new WaveSpec(name, newStartAt, audience, ratePerSecond);
  }
}
