package com.campaigns.activities.issuance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.campaigns.activities.issuance.SendRetries.Action;
import com.campaigns.activities.issuance.SendRetries.FactsRead;
import com.campaigns.activities.issuance.SendRetries.Next;
import com.campaigns.wechatpay.StockFacts;
import com.campaigns.wechatpay.WechatError;
import com.campaigns.wechatpay.WechatErrorClassifier;
import com.campaigns.workflows.model.IssueStop;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The classification step of one send, without Temporal or WeChat Pay. */
class SendRetriesTest {

  private final SendRetries retries = new SendRetries(6, 300, 4, 1000);

  /** For answers whose code decides alone: reading the stock would be a mistake. */
  private static final Supplier<FactsRead> NOT_ASKED =
      () -> fail("the stock's facts were read for an answer whose code decides");

  private static final StockFacts ISSUABLE =
      new StockFacts("S1", "running", 1000, 10, 100, 5_000L, 1_000);
  private static final StockFacts EXHAUSTED =
      new StockFacts("S1", "running", 1000, 1000, 100, 5_000L, 1_000);
  private static final StockFacts PAUSED =
      new StockFacts("S1", "paused", 1000, 10, 100, 5_000L, 1_000);
  private static final StockFacts DAY_SPENT =
      new StockFacts("S1", "running", 1000, 60, 100, 5_000L, 5_000);

  private static WechatError error(int status, String code, String message) {
    return WechatErrorClassifier.classify(status, code, message);
  }

  private static Supplier<FactsRead> facts(StockFacts facts) {
    return () -> new FactsRead(facts, null);
  }

  @ParameterizedTest(name = "{0} {1} -> {3}")
  @CsvSource(
      delimiter = '|',
      value = {
        "403|USER_ACCOUNT_ABNORMAL|用户非法|REJECT|",
        "403|USER_AL_GET_COUPON|超过自然人最大限领数|REJECT|",
        "404|RESOURCE_NOT_EXISTS|批次不存在|STOP_SEGMENT|STOCK_LEVEL",
        "403|NO_AUTH|无权限|STOP_SEGMENT|STOCK_LEVEL",
        "400|SOMETHING_NEW|?|RECORD_UNKNOWN|"
      })
  void aCodeThatSaysWhatItMeansEndsTheSendWithoutReadingTheStock(
      int status, String code, String message, Action action, IssueStop stop) {
    Next next = retries.after(error(status, code, message), () -> false, NOT_ASKED);
    assertThat(next.action()).isEqualTo(action);
    assertThat(next.stop()).isEqualTo(stop);
  }

  /** Each ambiguous code, with the messages that once decided and with others, on each finding. */
  @ParameterizedTest(name = "{0} {1} on {2} -> {3}")
  @CsvSource(
      delimiter = '|',
      value = {
        "NOT_ENOUGH|发券超过单天限额|EXHAUSTED|STOCK_LEVEL",
        "NOT_ENOUGH|批次预算不足|EXHAUSTED|STOCK_LEVEL",
        "NOT_ENOUGH|批次预算不足|DAY_SPENT|DAILY_LIMIT",
        "NOT_ENOUGH|发券超过单天限额|DAY_SPENT|DAILY_LIMIT",
        "NOT_ENOUGH|whatever it says|DAY_SPENT|DAILY_LIMIT",
        "NOT_ENOUGH|发券超过单天限额|PAUSED|STOCK_NOT_RUNNING",
        "INVALID_REQUEST|活动已结束或未激活|PAUSED|STOCK_NOT_RUNNING",
        "INVALID_REQUEST|暂时无法领取,请联系商家处理|PAUSED|STOCK_NOT_RUNNING",
        "INVALID_REQUEST|调用频率过高|PAUSED|STOCK_NOT_RUNNING",
        "INVALID_REQUEST|活动已结束或未激活|EXHAUSTED|STOCK_LEVEL",
        "INVALID_REQUEST|随便什么|DAY_SPENT|DAILY_LIMIT",
        "REQUEST_BLOCKED|用户被限领拦截|PAUSED|STOCK_NOT_RUNNING",
        "PARAM_ERROR|非法的批次状态|PAUSED|STOCK_NOT_RUNNING",
        "PARAM_ERROR|参数错误|PAUSED|STOCK_NOT_RUNNING",
        "PARAM_ERROR|非法的批次状态|ISSUABLE|STOCK_LEVEL",
        "PARAM_ERROR|参数错误,请核对文档要求|ISSUABLE|STOCK_LEVEL"
      })
  void theStocksFactsDecideWhatAnAmbiguousCodeStops(
      String code, String message, String finding, IssueStop stop) {
    StockFacts stock =
        switch (finding) {
          case "EXHAUSTED" -> EXHAUSTED;
          case "PAUSED" -> PAUSED;
          case "DAY_SPENT" -> DAY_SPENT;
          default -> ISSUABLE;
        };
    WechatError answer = error(400, code, message);
    Next next = retries.after(answer, () -> false, facts(stock));
    assertThat(next.action()).isEqualTo(Action.STOP_SEGMENT);
    assertThat(next.stop()).isEqualTo(stop);
    assertThat(next.evidence().code()).isEqualTo(code);
    assertThat(next.evidence().message())
        .startsWith(stock.explain())
        .endsWith("WeChat Pay answered " + answer.describe());
  }

  @ParameterizedTest(name = "{0} {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "INVALID_REQUEST|暂时无法领取,请联系商家处理",
        "INVALID_REQUEST|活动已结束或未激活",
        "INVALID_REQUEST|调用频率过高",
        "REQUEST_BLOCKED|调用商户无权限",
        "REQUEST_BLOCKED|参数错误，请检查批次参数"
      })
  void aRefusalTheFactsDoNotExplainIsRetriedWithADoublingDelayThenRejectsTheRecipient(
      String code, String message) {
    WechatError answer = error(400, code, message);
    assertThat(retries.after(answer, () -> false, facts(ISSUABLE)))
        .isEqualTo(new Next(Action.RETRY_IN_A_NEW_SLOT, 1000, null));
    assertThat(retries.after(answer, () -> false, facts(ISSUABLE)).delayMillis()).isEqualTo(2000);
    assertThat(retries.after(answer, () -> false, facts(ISSUABLE)).delayMillis()).isEqualTo(4000);
    assertThat(retries.after(answer, () -> false, facts(ISSUABLE)))
        .isEqualTo(Next.of(Action.REJECT_UNEXPLAINED));
  }

  @Test
  void aNotEnoughTheFactsDoNotExplainIsRetriedThenStopsTheSegmentAtStockLevel() {
    WechatError answer = error(403, "NOT_ENOUGH", "发券超过单天限额");
    for (int i = 0; i < 3; i++) {
      assertThat(retries.after(answer, () -> false, facts(ISSUABLE)).action())
          .isEqualTo(Action.RETRY_IN_A_NEW_SLOT);
    }
    Next last = retries.after(answer, () -> false, facts(ISSUABLE));
    assertThat(last.action()).isEqualTo(Action.STOP_SEGMENT);
    assertThat(last.stop()).isEqualTo(IssueStop.STOCK_LEVEL);
    assertThat(last.evidence().code()).isEqualTo("NOT_ENOUGH");
  }

  @Test
  void aRetryReadsTheStockAgainAndActsOnWhatItSaysThen() {
    // The ledger catches up with the answers in flight: the day is spent after all.
    WechatError answer = error(403, "NOT_ENOUGH", "?");
    assertThat(retries.after(answer, () -> false, facts(ISSUABLE)).action())
        .isEqualTo(Action.RETRY_IN_A_NEW_SLOT);
    assertThat(retries.after(answer, () -> false, facts(DAY_SPENT)).stop())
        .isEqualTo(IssueStop.DAILY_LIMIT);
  }

  @Test
  void aStockThatCannotBeReadForNowIsRetriedLikeATransientFailureThenFailsTheAttempt() {
    WechatError busy = error(500, "SYSTEM_ERROR", "系统繁忙");
    Supplier<FactsRead> unreadable = () -> new FactsRead(null, busy);
    WechatError answer = error(400, "INVALID_REQUEST", "?");
    for (int i = 0; i < 5; i++) {
      Next next = retries.after(answer, () -> false, unreadable);
      assertThat(next.action()).isEqualTo(Action.RETRY_IN_A_NEW_SLOT);
      assertThat(next.evidence()).isEqualTo(busy);
    }
    Next last = retries.after(answer, () -> false, unreadable);
    assertThat(last.action()).isEqualTo(Action.GIVE_UP);
    assertThat(last.evidence()).isEqualTo(busy);
  }

  @Test
  void aStockThatCannotBeReadForGoodStopsTheSegment() {
    WechatError gone = error(404, "RESOURCE_NOT_EXISTS", "批次不存在");
    Next next =
        retries.after(
            error(400, "INVALID_REQUEST", "?"), () -> false, () -> new FactsRead(null, gone));
    assertThat(next.action()).isEqualTo(Action.STOP_SEGMENT);
    assertThat(next.stop()).isEqualTo(IssueStop.STOCK_LEVEL);
    assertThat(next.evidence().message()).contains("RESOURCE_NOT_EXISTS");
  }

  @Test
  void aSuspectRuleLimitIsSentOnceMoreAfterTheDelayThenRejected() {
    WechatError ruleLimit = error(403, "RULE_LIMIT", "用户已达最大领券次数");
    assertThat(retries.after(ruleLimit, () -> false, NOT_ASKED))
        .isEqualTo(new Next(Action.RESEND_AFTER_DELAY, 300, null));
    assertThat(retries.after(ruleLimit, () -> false, NOT_ASKED).action()).isEqualTo(Action.REJECT);
  }

  @Test
  void transientFailuresBackOffExponentiallyThenGiveUpAtTheLastAttempt() {
    WechatError busy = error(500, "SYSTEM_ERROR", "系统繁忙");
    assertThat(retries.after(busy, () -> false, NOT_ASKED))
        .isEqualTo(new Next(Action.RETRY_IN_A_NEW_SLOT, 200, null));
    assertThat(retries.after(busy, () -> false, NOT_ASKED).delayMillis()).isEqualTo(400);
    assertThat(retries.after(busy, () -> false, NOT_ASKED).delayMillis()).isEqualTo(800);
    assertThat(retries.after(busy, () -> false, NOT_ASKED).delayMillis()).isEqualTo(1600);
    assertThat(retries.after(busy, () -> false, NOT_ASKED).delayMillis()).isEqualTo(3200);
    assertThat(retries.after(busy, () -> false, NOT_ASKED).action()).isEqualTo(Action.GIVE_UP);
  }

  @Test
  void throttlingBacksOffOneSecond() {
    assertThat(retries.after(error(429, "FREQUENCY_LIMITED", "请求过于频繁"), () -> false, NOT_ASKED))
        .isEqualTo(new Next(Action.RETRY_IN_A_NEW_SLOT, 1000, null));
  }

  @Test
  void aSignErrorAfterAKeyRotationIsResentWithTheNewKeyAtMostThreeTimes() {
    WechatError sign = error(401, "SIGN_ERROR", "错误的签名,验签失败");
    AtomicInteger asked = new AtomicInteger();
    for (int i = 0; i < SendRetries.MAX_KEY_ROTATIONS; i++) {
      assertThat(retries.after(sign, () -> asked.incrementAndGet() > 0, NOT_ASKED).action())
          .isEqualTo(Action.RESEND_WITH_NEW_KEY);
    }
    assertThat(retries.after(sign, () -> asked.incrementAndGet() > 0, NOT_ASKED))
        .isEqualTo(new Next(Action.STOP_SEGMENT, 0, IssueStop.STOCK_LEVEL));
    assertThat(asked).hasValue(3);
  }

  @Test
  void aSignErrorWithoutRotationStopsTheSegment() {
    assertThat(
            retries.after(error(401, "SIGN_ERROR", "错误的签名,验签失败"), () -> false, NOT_ASKED).action())
        .isEqualTo(Action.STOP_SEGMENT);
  }

  @Test
  void theRotationQuestionIsOnlyAskedAfterASignError() {
    AtomicInteger asked = new AtomicInteger();
    retries.after(
        error(403, "USER_ACCOUNT_ABNORMAL", "用户非法"), () -> asked.incrementAndGet() > 0, NOT_ASKED);
    assertThat(asked).hasValue(0);
  }
}
