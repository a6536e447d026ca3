package com.campaigns.wechatpay;

import java.util.List;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The merchants and their WeChat Pay clients, from {@code campaigns.wechatpay.*}: the live map
 * ({@link WechatMerchants}), the registry that reloads it from its sources every {@code
 * reload-interval}, and the live checks behind {@code GET /api/v1/merchants} and the {@code
 * merchants} health component (the same in the API and the worker).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(WechatPayProperties.class)
public class WechatPayConfiguration {

  /** The native RSA provider, installed before any client signs (docs/deployment.md). */
  @Bean
  NativeCrypto.Status nativeCrypto(
      @Value("${campaigns.crypto.native-provider:true}") boolean nativeProvider) {
    return NativeCrypto.install(nativeProvider);
  }

  @Bean
  NativeCryptoInfo nativeCryptoInfo(NativeCrypto.Status status) {
    return new NativeCryptoInfo(status);
  }

  @Bean
  WechatMerchants wechatMerchants(WechatPayProperties properties, NativeCrypto.Status crypto) {
    return new WechatMerchants(new WechatPayClientFactory(properties), List.of());
  }

  @Bean(destroyMethod = "close")
  MerchantRegistry merchantRegistry(WechatPayProperties properties, WechatMerchants merchants) {
    return new MerchantRegistry(properties, merchants).start();
  }

  @Bean(destroyMethod = "close")
  MerchantChecks merchantChecks(MerchantRegistry registry, WechatPayProperties properties) {
    return new MerchantChecks(registry, properties.checkInterval());
  }

  @Bean("merchants")
  MerchantHealthIndicator merchantHealthIndicator(MerchantChecks checks) {
    return new MerchantHealthIndicator(checks);
  }
}
