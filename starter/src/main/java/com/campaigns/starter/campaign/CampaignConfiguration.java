package com.campaigns.starter.campaign;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({WorkflowProperties.class, CampaignApiProperties.class})
class CampaignConfiguration {}
