package com.campaigns.starter.campaign;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code campaigns.api.*}.
 *
 * @param temporalTimeout the longest an API call waits on Temporal (a status query, a pause that
 *     waits for the stock to be paused); past it the caller gets 503/504 and may look again
 * @param allowHttpNotifyUrlOnLoopback local development only: {@code PUT
 *     /merchants/{mchid}/callback} also accepts {@code http://127.0.0.1…} and {@code
 *     http://localhost…} (the sandbox accepts them with {@code
 *     sandbox.notify.allow-http-loopback}); WeChat Pay itself accepts https only
 */
@ConfigurationProperties("campaigns.api")
public record CampaignApiProperties(
    @DefaultValue("30s") Duration temporalTimeout,
    @DefaultValue("false") boolean allowHttpNotifyUrlOnLoopback) {

  public CampaignApiProperties {
    if (temporalTimeout.compareTo(Duration.ofSeconds(1)) < 0) {
      throw new IllegalArgumentException("campaigns.api.temporal-timeout must be at least 1s");
    }
  }
}
