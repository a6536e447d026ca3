package com.campaigns.starter.merchant;

import com.campaigns.wechatpay.MerchantChecks;
import com.campaigns.wechatpay.MerchantProblem;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * One merchant of {@code GET /api/v1/merchants}: where its credentials come from, its mode and
 * serial, its problems, the live check and its COUPON.USE callback. Built from the registry's
 * secret-free status only: no key, APIv3 key or PEM ever reaches this record.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
record MerchantView(
    String mchid,
    String state,
    String mode,
    Set<String> appids,
    String merchantSerialNumber,
    String publicKeyId,
    Integer rateLimitPerSecond,
    String source,
    Instant loadedAt,
    List<Problem> problems,
    Check check,
    Callback callback) {

  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  record Problem(String field, String message, String source) {}

  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  record Check(String status, String code, String message, Instant checkedAt, Long millis) {}

  /**
   * The merchant's COUPON.USE callback at WeChat Pay against the product's URL.
   *
   * @param status {@code UNSET}, {@code OURS}, {@code OWNED} (another URL, replaced by the next
   *     campaign: {@code callback-owned: true}), {@code CONFLICT} (another URL: the merchant's
   *     campaigns pause with CALLBACK_CONFLICT), {@code UNMANAGED} (no notify URL configured),
   *     {@code UNKNOWN} (the read failed: {@code message}), {@code PENDING}, {@code SKIPPED}
   * @param notifyUrl what WeChat Pay has set, null when none (the same as {@code GET
   *     /merchants/{mchid}/callback} shows the same roles)
   * @param host the host of {@code notifyUrl}, as a CALLBACK_CONFLICT pause names it
   * @param ours {@code campaigns.workflow.notify-url}
   * @param owned the merchant's {@code callback-owned} setting; null when unknown
   */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  record Callback(
      String status, String notifyUrl, String host, String ours, Boolean owned, String message) {}

  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  record Listing(List<MerchantView> merchants) {}

  static MerchantView of(MerchantChecks.Checked c, Callback callback) {
    var m = c.merchant();
    var k = c.check();
    return new MerchantView(
        m.mchid(),
        m.state(),
        m.mode(),
        m.appids(),
        m.merchantSerialNumber(),
        m.publicKeyId(),
        m.rateLimitPerSecond(),
        m.source(),
        m.loadedAt(),
        m.problems().stream().map(MerchantView::problem).toList(),
        new Check(k.status(), k.code(), k.message(), k.checkedAt(), k.millis()),
        callback);
  }

  private static Problem problem(MerchantProblem p) {
    return new Problem(p.field(), p.message(), p.source());
  }
}
