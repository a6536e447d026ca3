package com.campaigns.workflows.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Duration;

/**
 * Operational knobs fixed when a campaign starts, carried in the workflow input so that every
 * decision the workflow takes is replayable.
 *
 * @param segmentSize recipients per IssueCoupons activity (history grows per segment, not per
 *     coupon)
 * @param segmentParallelism segments of one wave issued at the same time
 * @param activationLead how long before available_begin_time the stock is activated
 * @param stockCheckInterval how often the stock's state and usage are re-read while running/paused
 * @param maxRunEvents history length after which the run continues as new at the next safe point
 * @param flowRetryInterval wait between attempts while the flow files are not yet published
 */
@SnakeCaseNonNull
@JsonIgnoreProperties(ignoreUnknown = true)
public record CampaignSettings(
    int segmentSize,
    int segmentParallelism,
    Duration activationLead,
    Duration stockCheckInterval,
    int maxRunEvents,
    Duration flowRetryInterval,
    String notifyUrl) {

  public static CampaignSettings defaults() {
    return new CampaignSettings(
        5_000,
        2,
        Duration.ofMinutes(1),
        Duration.ofMinutes(10),
        3_000,
        Duration.ofMinutes(30),
        null);
  }
}
