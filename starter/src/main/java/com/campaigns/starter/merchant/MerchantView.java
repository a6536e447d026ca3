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
 * serial, its problems and the live check. Built from the registry's secret-free status only: no
 * key, APIv3 key or PEM ever reaches this record.
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
    Check check) {

  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  record Problem(String field, String message, String source) {}

  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  record Check(String status, String code, String message, Instant checkedAt, Long millis) {}

  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  record Listing(List<MerchantView> merchants) {}

  static MerchantView of(MerchantChecks.Checked c) {
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
        new Check(k.status(), k.code(), k.message(), k.checkedAt(), k.millis()));
  }

  private static Problem problem(MerchantProblem p) {
    return new Problem(p.field(), p.message(), p.source());
  }
}
