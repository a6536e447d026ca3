package com.campaigns.activities.issuance;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Coupons issued, rejected by code, failed and retried, per merchant (low-cardinality tags only).
 */
final class IssuanceMetrics {

  private final MeterRegistry registry;

  IssuanceMetrics(MeterRegistry registry) {
    this.registry = registry;
  }

  void issued(String mchid) {
    Counter.builder("campaigns_coupons_issued")
        .description("coupons issued")
        .tag("mchid", mchid)
        .register(registry)
        .increment();
  }

  void rejected(String mchid, String code) {
    Counter.builder("campaigns_coupons_rejected")
        .description("recipients refused by WeChat Pay, by code")
        .tag("mchid", mchid)
        .tag("code", code)
        .register(registry)
        .increment();
  }

  void failed(String mchid, String code) {
    Counter.builder("campaigns_coupons_failed")
        .description("sends with an unknown answer, retried later")
        .tag("mchid", mchid)
        .tag("code", code)
        .register(registry)
        .increment();
  }

  void retried(String mchid, String code) {
    Counter.builder("campaigns_send_retries")
        .description("sends retried after 5xx, 429 or network errors")
        .tag("mchid", mchid)
        .tag("code", code)
        .register(registry)
        .increment();
  }
}
