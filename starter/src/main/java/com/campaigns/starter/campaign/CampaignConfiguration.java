package com.campaigns.starter.campaign;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

/** Scheduling runs the {@link CampaignIndexReconciler}. */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
@EnableConfigurationProperties({WorkflowProperties.class, CampaignApiProperties.class})
class CampaignConfiguration {}
