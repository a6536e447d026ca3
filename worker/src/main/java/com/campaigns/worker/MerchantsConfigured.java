package com.campaigns.worker;

import com.campaigns.activities.wechat.WechatMerchants;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

/**
 * Refuses to start a worker that could not act for any merchant: every campaign would fail at its
 * first WeChat Pay call. Says which settings are missing.
 */
@Component
class MerchantsConfigured implements ApplicationRunner {

  private final WechatMerchants merchants;

  MerchantsConfigured(WechatMerchants merchants) {
    this.merchants = merchants;
  }

  @Override
  public void run(ApplicationArguments args) {
    if (merchants.mchids().isEmpty()) {
      throw new IllegalStateException("no WeChat Pay merchant is configured. Set campaigns.wechatpay.merchants[0].*"
          + " (environment: CAMPAIGNS_WECHATPAY_MERCHANTS_0_MCHID, _APPIDS, _MERCHANTSERIALNUMBER, _PRIVATEKEYPATH,"
          + " _APIV3KEYPATH, _PUBLICKEYID, _PUBLICKEYPATH), or run with --spring.profiles.active=local against"
          + " the sandbox. See docs/deployment.md.");
    }
  }
}
