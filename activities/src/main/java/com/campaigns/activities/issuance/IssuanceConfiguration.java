package com.campaigns.activities.issuance;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;

/** Issuance settings, {@code campaigns.issuance.*}. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(IssuanceSettings.class)
public class IssuanceConfiguration {}
