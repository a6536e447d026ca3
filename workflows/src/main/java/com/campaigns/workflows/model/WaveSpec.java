package com.campaigns.workflows.model;

/** One timed issuance wave: when it starts, who receives a coupon and how fast. */
@SnakeCaseNonNull
public record WaveSpec(String name, String startAt, AudienceSpec audience, Integer ratePerSecond) {

  public WaveSpec withAudience(AudienceSpec newAudience) {
    return new WaveSpec(name, startAt, newAudience, ratePerSecond);
  }

  public WaveSpec withStartAt(String newStartAt) {
    return new WaveSpec(name, newStartAt, audience, ratePerSecond);
  }
}
