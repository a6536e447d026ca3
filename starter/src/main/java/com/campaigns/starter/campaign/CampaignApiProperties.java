package com.campaigns.starter.campaign;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code campaigns.api.*}.
 *
 * @param temporalTimeout the longest an API call waits on Temporal (a status query, a pause that
 *     waits for the stock to be paused); past it the caller gets 503/504 and may look again
 */
@ConfigurationProperties("campaigns.api")
public record CampaignApiProperties(@DefaultValue("30s") Duration temporalTimeout) {

  public CampaignApiProperties {
    if (temporalTimeout.compareTo(Duration.ofSeconds(1)) < 0) {
      throw new IllegalArgumentException("campaigns.api.temporal-timeout must be at least 1s");
    }
  }
}
