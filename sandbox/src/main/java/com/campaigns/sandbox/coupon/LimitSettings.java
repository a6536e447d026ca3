package com.campaigns.sandbox.coupon;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code sandbox.limits.*}: the send-coupon limits that are not part of a stock.
 *
 * @param sendRatePerSecond send-coupon calls per merchant per one-second window (real time) before
 *     429 FREQUENCY_LIMITED; default 500
 * @param monthlyAmountPerUser fen one merchant may send one user per natural month (business clock,
 *     Asia/Shanghai) before 400 INVALID_REQUEST "暂时无法领取,请联系商家处理"; default 500000 (5000 yuan)
 * @param abnormalOpenidPrefix openids starting with it get 403 USER_ACCOUNT_ABNORMAL; default
 *     {@code abnormal_}; empty disables
 * @param concurrentSendRuleLimit whether a send racing another send to the same openid gets the
 *     false 403 RULE_LIMIT WeChat Pay is known for; default true
 * @param sendProcessingTime how long each send holds the user's in-flight slot, standing in for
 *     WeChat Pay's ~100 ms processing so that racing sends collide as they do there; default 0
 */
@ConfigurationProperties("sandbox.limits")
public record LimitSettings(
    Integer sendRatePerSecond,
    Long monthlyAmountPerUser,
    String abnormalOpenidPrefix,
    Boolean concurrentSendRuleLimit,
    Duration sendProcessingTime) {

  public LimitSettings {
    sendRatePerSecond = sendRatePerSecond == null ? 500 : sendRatePerSecond;
    monthlyAmountPerUser = monthlyAmountPerUser == null ? 500_000L : monthlyAmountPerUser;
    abnormalOpenidPrefix = abnormalOpenidPrefix == null ? "abnormal_" : abnormalOpenidPrefix;
    concurrentSendRuleLimit = concurrentSendRuleLimit == null || concurrentSendRuleLimit;
    sendProcessingTime = sendProcessingTime == null ? Duration.ZERO : sendProcessingTime;
  }
}
