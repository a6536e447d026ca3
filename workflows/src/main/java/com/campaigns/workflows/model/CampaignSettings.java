package com.campaigns.workflows.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Duration;

/**
 * Operational knobs fixed when a campaign starts, carried in the workflow input so that every
 * decision the workflow takes is replayable. A knob an older release did not write is null in its
 * input and takes its default here, so those campaigns read the same values as new ones.
 *
 * @param segmentSize recipients per IssueCoupons activity (history grows per segment, not per
 *     coupon)
 * @param segmentParallelism segments of one wave issued at the same time
 * @param activationLead how long before available_begin_time the stock is activated
 * @param stockCheckInterval how often the stock's state and usage are re-read while running/paused
 * @param maxRunEvents history length after which the run continues as new at the next safe point
 * @param flowRetryInterval wait after the first not-ready answer for the flow files; each later
 *     wait doubles, up to {@code flowRetryMaxInterval}
 * @param flowRetryMaxInterval the longest wait between two tries of the flow files
 * @param flowDeadline how long past the expected publication the flow files are waited for; then
 *     the campaign completes with its report marked {@code flows_unavailable}
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
    String notifyUrl,
    Duration flowRetryMaxInterval,
    Duration flowDeadline) {

  public static final Duration DEFAULT_FLOW_RETRY_MAX_INTERVAL = Duration.ofHours(1);
  public static final Duration DEFAULT_FLOW_DEADLINE = Duration.ofDays(3);

  public CampaignSettings {
    flowRetryMaxInterval =
        flowRetryMaxInterval == null ? DEFAULT_FLOW_RETRY_MAX_INTERVAL : flowRetryMaxInterval;
    flowDeadline = flowDeadline == null ? DEFAULT_FLOW_DEADLINE : flowDeadline;
  }

  /** The knobs before the flow deadline existed; the flow wait takes its defaults. */
  public CampaignSettings(
      int segmentSize,
      int segmentParallelism,
      Duration activationLead,
      Duration stockCheckInterval,
      int maxRunEvents,
      Duration flowRetryInterval,
      String notifyUrl) {
    this(
        segmentSize,
        segmentParallelism,
        activationLead,
        stockCheckInterval,
        maxRunEvents,
        flowRetryInterval,
        notifyUrl,
        null,
        null);
  }

  public static CampaignSettings defaults() {
    return new CampaignSettings(
        5_000,
        2,
        Duration.ofMinutes(1),
        Duration.ofMinutes(10),
        3_000,
        Duration.ofMinutes(5),
        null,
        DEFAULT_FLOW_RETRY_MAX_INTERVAL,
        DEFAULT_FLOW_DEADLINE);
  }

  /** The same knobs with another flow wait (tests, and the API's configuration). */
  public CampaignSettings withFlowWait(
      Duration retryInterval, Duration retryMaxInterval, Duration deadline) {
    return new CampaignSettings(
        segmentSize,
        segmentParallelism,
        activationLead,
        stockCheckInterval,
        maxRunEvents,
        retryInterval,
        notifyUrl,
        retryMaxInterval,
        deadline);
  }
}
