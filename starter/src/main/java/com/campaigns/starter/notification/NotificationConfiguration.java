package com.campaigns.starter.notification;

import com.campaigns.ledger.CampaignIndex;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(NotificationProperties.class)
class NotificationConfiguration {

  private static final Logger log = LoggerFactory.getLogger(NotificationConfiguration.class);

  @Bean(destroyMethod = "close")
  UsageSignals usageSignals(CampaignUsage usage, NotificationProperties properties) {
    return new UsageSignals(usage::report, properties.usageSignalInterval());
  }

  /**
   * A usage report still pending when the API stopped (killed, redeployed) is lost with it, and
   * WeChat Pay, answered 200, does not send that notification again: once started, the API tells
   * every campaign that is not closed its totals from the ledger. Found by the fault campaign: a
   * campaign completed with a used count behind the ledger's after the API was killed.
   */
  @Bean
  ApplicationListener<ApplicationReadyEvent> usageResync(
      CampaignIndex index, UsageSignals signals) {
    return event -> {
      try {
        index.unsettled().forEach(e -> signals.request(e.campaignId()));
      } catch (RuntimeException e) {
        log.warn("usage totals not re-sent after start: {}", e.toString());
      }
    };
  }
}
