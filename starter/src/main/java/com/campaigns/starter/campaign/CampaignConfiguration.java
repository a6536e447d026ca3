package com.campaigns.starter.campaign;

import org.springframework.beans.factory.InitializingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * Scheduling runs the {@link CampaignIndexReconciler}; the notify URL is checked at startup ({@link
 * NotifyUrlCheck}).
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
@EnableConfigurationProperties({WorkflowProperties.class, CampaignApiProperties.class})
class CampaignConfiguration {

  @Bean
  InitializingBean notifyUrlCheck(WorkflowProperties workflow, CampaignApiProperties api) {
    return () -> NotifyUrlCheck.verify(workflow, api);
  }
}
