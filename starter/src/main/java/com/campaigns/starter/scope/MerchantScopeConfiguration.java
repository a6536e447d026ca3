package com.campaigns.starter.scope;

import com.campaigns.starter.campaign.KnownCampaigns;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** Installs {@link MerchantScope} on the API and the console. */
@Configuration(proxyBeanMethods = false)
class MerchantScopeConfiguration implements WebMvcConfigurer {

  private final KnownCampaigns campaigns;

  MerchantScopeConfiguration(KnownCampaigns campaigns) {
    this.campaigns = campaigns;
  }

  @Override
  public void addInterceptors(InterceptorRegistry registry) {
    registry.addInterceptor(new MerchantScope(campaigns)).addPathPatterns("/api/**", "/console/**");
  }
}
