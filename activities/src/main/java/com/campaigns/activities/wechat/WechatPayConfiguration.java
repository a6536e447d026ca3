package com.campaigns.activities.wechat;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The merchants and their WeChat Pay clients, from {@code campaigns.wechatpay.*}. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(WechatPayProperties.class)
public class WechatPayConfiguration {

  @Bean
  WechatMerchants wechatMerchants(WechatPayProperties properties) {
    return new WechatMerchants(new WechatPayClientFactory(properties),
        new MerchantCredentialsLoader(properties).load());
  }
}
