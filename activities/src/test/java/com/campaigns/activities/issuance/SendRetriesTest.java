package com.campaigns.activities.issuance;

import static org.assertj.core.api.Assertions.assertThat;

import com.campaigns.activities.issuance.SendRetries.Action;
import com.campaigns.activities.issuance.SendRetries.Next;
import com.campaigns.wechatpay.WechatError;
import com.campaigns.wechatpay.WechatErrorClassifier;
import com.campaigns.workflows.model.IssueStop;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The classification step of one send, without Temporal or WeChat Pay. */
class SendRetriesTest {

  private final SendRetries retries = new SendRetries(6, 300);

  private static WechatError error(int status, String code, String message) {
    return WechatErrorClassifier.classify(status, code, message);
  }

  @ParameterizedTest(name = "{0} {1} -> {3}")
  @CsvSource(
      delimiter = '|',
      value = {
        "403|USER_ACCOUNT_ABNORMAL|用户非法|REJECT|",
        "403|NOT_ENOUGH|发券超过单天限额|STOP_SEGMENT|DAILY_LIMIT",
        "400|INVALID_REQUEST|活动已结束或未激活|STOP_SEGMENT|STOCK_NOT_RUNNING",
        "403|NOT_ENOUGH|批次预算不足|STOP_SEGMENT|STOCK_LEVEL",
        "400|PARAM_ERROR|非法的批次状态|STOP_SEGMENT|STOCK_LEVEL",
        "404|RESOURCE_NOT_EXISTS|批次不存在|STOP_SEGMENT|STOCK_LEVEL",
        "400|SOMETHING_NEW|?|RECORD_UNKNOWN|"
      })
  void aFinalAnswerEndsTheSendAsTheClassifierSays(
      int status, String code, String message, Action action, IssueStop stop) {
    Next next = retries.after(error(status, code, message), () -> false);
    assertThat(next.action()).isEqualTo(action);
    assertThat(next.stop()).isEqualTo(stop);
  }

  @Test
  void aSuspectRuleLimitIsSentOnceMoreAfterTheDelayThenRejected() {
    WechatError ruleLimit = error(403, "RULE_LIMIT", "用户已达最大领券次数");
    assertThat(retries.after(ruleLimit, () -> false))
        .isEqualTo(new Next(Action.RESEND_AFTER_DELAY, 300, null));
    assertThat(retries.after(ruleLimit, () -> false).action()).isEqualTo(Action.REJECT);
  }

  @Test
  void transientFailuresBackOffExponentiallyThenGiveUpAtTheLastAttempt() {
    WechatError busy = error(500, "SYSTEM_ERROR", "系统繁忙");
    assertThat(retries.after(busy, () -> false))
        .isEqualTo(new Next(Action.RETRY_IN_A_NEW_SLOT, 200, null));
    assertThat(retries.after(busy, () -> false).delayMillis()).isEqualTo(400);
    assertThat(retries.after(busy, () -> false).delayMillis()).isEqualTo(800);
    assertThat(retries.after(busy, () -> false).delayMillis()).isEqualTo(1600);
    assertThat(retries.after(busy, () -> false).delayMillis()).isEqualTo(3200);
    assertThat(retries.after(busy, () -> false).action()).isEqualTo(Action.GIVE_UP);
  }

  @Test
  void throttlingBacksOffOneSecond() {
    assertThat(retries.after(error(429, "FREQUENCY_LIMITED", "请求过于频繁"), () -> false))
        .isEqualTo(new Next(Action.RETRY_IN_A_NEW_SLOT, 1000, null));
  }

  @Test
  void aSignErrorAfterAKeyRotationIsResentWithTheNewKeyAtMostThreeTimes() {
    WechatError sign = error(401, "SIGN_ERROR", "错误的签名,验签失败");
    AtomicInteger asked = new AtomicInteger();
    for (int i = 0; i < SendRetries.MAX_KEY_ROTATIONS; i++) {
      assertThat(retries.after(sign, () -> asked.incrementAndGet() > 0).action())
          .isEqualTo(Action.RESEND_WITH_NEW_KEY);
    }
    assertThat(retries.after(sign, () -> asked.incrementAndGet() > 0))
        .isEqualTo(new Next(Action.STOP_SEGMENT, 0, IssueStop.STOCK_LEVEL));
    assertThat(asked).hasValue(3);
  }

  @Test
  void aSignErrorWithoutRotationStopsTheSegment() {
    assertThat(retries.after(error(401, "SIGN_ERROR", "错误的签名,验签失败"), () -> false).action())
        .isEqualTo(Action.STOP_SEGMENT);
  }

  @Test
  void theRotationQuestionIsOnlyAskedAfterASignError() {
    AtomicInteger asked = new AtomicInteger();
    retries.after(error(403, "USER_ACCOUNT_ABNORMAL", "用户非法"), () -> asked.incrementAndGet() > 0);
    assertThat(asked).hasValue(0);
  }
}
