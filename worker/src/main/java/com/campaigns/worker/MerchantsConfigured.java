package com.campaigns.worker;

import com.campaigns.wechatpay.MerchantRegistry;
import com.campaigns.wechatpay.MerchantStatus;
import com.campaigns.wechatpay.WechatPayProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

/**
 * Refuses to start a worker that could not act for any merchant: every campaign would pause at its
 * first WeChat Pay call. Says which settings are missing. With a merchants directory the worker
 * starts even while it holds no usable merchant (merchants may be added while it runs), and warns.
 */
@Component
class MerchantsConfigured implements ApplicationRunner {

  private static final Logger log = LoggerFactory.getLogger(MerchantsConfigured.class);

  private final MerchantRegistry registry;
  private final boolean directory;

  MerchantsConfigured(MerchantRegistry registry, WechatPayProperties properties) {
    this.registry = registry;
    this.directory = properties.merchantsDir() != null;
  }

  @Override
  public void run(ApplicationArguments args) {
    if (!registry.configured()) {
      throw new IllegalStateException(
          "no WeChat Pay merchant is configured. Set campaigns.wechatpay.merchants-dir"
              + " (CAMPAIGNS_WECHATPAY_MERCHANTSDIR: one folder per merchant) or campaigns.wechatpay.merchants[0].*"
              + " (environment: CAMPAIGNS_WECHATPAY_MERCHANTS_0_MCHID, _APPIDS, _MERCHANTSERIALNUMBER, _PRIVATEKEYPATH,"
              + " _APIV3KEYPATH, _PUBLICKEYID, _PUBLICKEYPATH), or run with --spring.profiles.active=local against"
              + " the sandbox. See docs/deployment.md.");
    }
    boolean usable = registry.statuses().stream().anyMatch(MerchantStatus::usable);
    if (!usable && !directory) {
      throw new IllegalStateException(
          "no configured WeChat Pay merchant is usable: "
              + registry.statuses().stream().flatMap(s -> s.problems().stream()).toList()
              + ". See docs/deployment.md.");
    }
    if (!usable) {
      log.warn(
          "no usable WeChat Pay merchant yet; campaigns pause until one is added to {}",
          "campaigns.wechatpay.merchants-dir");
    }
  }
}
