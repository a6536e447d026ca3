package com.campaigns.activities.wechat;

import static org.assertj.core.api.Assertions.assertThat;

import com.campaigns.wechatpay.WechatErrorClassifier;
import org.junit.jupiter.api.Test;

class WechatFailuresTest {

  @Test
  void failuresAreTypedByTheWechatCodeAndCarryNoRequest() {
    var failure =
        WechatFailures.toFailure("send", WechatErrorClassifier.classify(403, "NO_AUTH", "无权限"));
    assertThat(failure.getType()).isEqualTo("NO_AUTH");
    assertThat(failure.isNonRetryable()).isTrue();
    var throttled =
        WechatFailures.toFailure(
            "send", WechatErrorClassifier.classify(429, "FREQUENCY_LIMITED", "x"));
    assertThat(throttled.isNonRetryable()).isFalse();
    assertThat(throttled.getNextRetryDelay()).isNotNull();
    assertThat(failure.getCause()).isNull();
  }
}
