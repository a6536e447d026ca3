package com.campaigns.starter.notification;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(NotificationProperties.class)
class NotificationConfiguration {

  @Bean(destroyMethod = "close")
  UsageSignals usageSignals(CampaignUsage usage, NotificationProperties properties) {
    return new UsageSignals(usage::report, properties.usageSignalInterval());
  }
}
