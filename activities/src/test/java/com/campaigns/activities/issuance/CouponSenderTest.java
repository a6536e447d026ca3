package com.campaigns.activities.issuance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import com.campaigns.ledger.IssuanceLedger;
import com.campaigns.ledger.IssuanceLedger.Outcome;
import com.campaigns.ledger.LedgerConfiguration.Ledger;
import com.campaigns.ledger.SendSlots;
import com.campaigns.ledger.TestDatabases;
import com.campaigns.wechatpay.MerchantClient;
import com.campaigns.wechatpay.WechatMerchants;
import com.campaigns.workflows.model.IssueRequest;
import com.campaigns.workflows.model.IssueStop;
import com.wechat.pay.java.core.exception.ServiceException;
import com.wechat.pay.java.core.http.HttpMethod;
import com.wechat.pay.java.core.http.HttpRequest;
import com.wechat.pay.java.service.cashcoupons.CashCouponsService;
import com.wechat.pay.java.service.cashcoupons.model.FixedValueStockMsg;
import com.wechat.pay.java.service.cashcoupons.model.QueryStockRequest;
import com.wechat.pay.java.service.cashcoupons.model.SendCouponRequest;
import com.wechat.pay.java.service.cashcoupons.model.SendCouponResponse;
import com.wechat.pay.java.service.cashcoupons.model.Stock;
import com.wechat.pay.java.service.cashcoupons.model.StockUseRule;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** One recipient's send against a scripted WeChat Pay client, without Temporal. */
class CouponSenderTest {

  private static final SendSlots SLOTS = Ledger.over(TestDatabases.h2()).slots();
  private static final IssuanceSettings SETTINGS =
      new IssuanceSettings(
          4,
          4,
          Duration.ofMillis(200),
          3,
          2,
          Duration.ofMillis(10),
          0.02,
          3,
          Duration.ofMillis(10));

  private final IssueRequest r =
      new IssueRequest(
          "c-" + UUID.randomUUID(),
          "1900000001",
          "wx1",
          "S1",
          0,
          "a1",
          0,
          100,
          500,
          1000,
          -1,
          "p",
          0);
  private final CashCouponsService coupons = mock(CashCouponsService.class);
  private final MerchantClient client = mock(MerchantClient.class);
  private final WechatMerchants merchants = mock(WechatMerchants.class);
  private final SegmentStop stop = new SegmentStop();
  private final ProgressReporter progress = new ProgressReporter(details -> {}, stop);
  private final List<Outcome> recorded = new CopyOnWriteArrayList<>();
  private final AnswerRecorder answers =
      new AnswerRecorder(recorded::addAll, Duration.ofHours(1), stop, "test");
  private final AtomicLong issuedToday = new AtomicLong();
  private final AtomicInteger stockQueries = new AtomicInteger();
  private final CouponSender sender;

  CouponSenderTest() {
    when(client.coupons()).thenReturn(coupons);
    stock("running", 10, 1000, null);
    when(merchants.find("1900000001")).thenReturn(Optional.of(client));
    SlotPacer pacer =
        new SlotPacer(SLOTS, "wave:" + r.campaignId(), 1000, "mch:" + r.campaignId(), 1000, 0.02);
    sender =
        new CouponSender(
            r,
            merchants,
            new OpenidLocks(16),
            pacer,
            SETTINGS,
            new IssuanceMetrics(new SimpleMeterRegistry()),
            progress,
            answers,
            stop,
            new StockFactsReader(
                () -> {
                  stockQueries.incrementAndGet();
                  QueryStockRequest query = new QueryStockRequest();
                  query.setStockId(r.stockId());
                  query.setStockCreatorMchid(r.mchid());
                  return coupons.queryStock(query);
                },
                answers::flush,
                issuedToday::get,
                r.couponAmount(),
                SETTINGS.unexplainedRetryDelay()));
  }

  /** What WeChat Pay's QueryStock answers for the segment's stock from now on. */
  private void stock(String status, int distributed, long maxCoupons, Long maxAmountByDay) {
    Stock stock = new Stock();
    stock.setStockId(r.stockId());
    stock.setStatus(status);
    stock.setDistributedCoupons(distributed);
    StockUseRule rule = new StockUseRule();
    rule.setMaxCoupons(maxCoupons);
    rule.setMaxAmountByDay(maxAmountByDay);
    FixedValueStockMsg fixed = new FixedValueStockMsg();
    fixed.setCouponAmount(r.couponAmount());
    rule.setFixedNormalCoupon(fixed);
    stock.setStockUseRule(rule);
    when(coupons.queryStock(any(QueryStockRequest.class))).thenReturn(stock);
  }

  private static SendCouponResponse issued(String couponId) {
    SendCouponResponse response = new SendCouponResponse();
    response.setCouponId(couponId);
    return response;
  }

  private static ServiceException refused(int status, String code, String message) {
    HttpRequest request =
        new HttpRequest.Builder()
            .httpMethod(HttpMethod.POST)
            .url("https://api.mch.weixin.qq.com/v3/marketing/favor/users/o/coupons")
            .build();
    return new ServiceException(
        request, status, "{\"code\":\"" + code + "\",\"message\":\"" + message + "\"}");
  }

  private List<Outcome> recorded() {
    answers.flush();
    return recorded;
  }

  @Test
  void anIssuedCouponIsRecordedWithItsAmountAndADerivedOutRequestNo() {
    when(coupons.sendCoupon(any(SendCouponRequest.class))).thenReturn(issued("C1"));
    sender.send(7, "openid-7");
    assertThat(recorded())
        .singleElement()
        .satisfies(
            o -> {
              assertThat(o.seq()).isEqualTo(7);
              assertThat(o.status()).isEqualTo(IssuanceLedger.ISSUED);
              assertThat(o.couponId()).isEqualTo("C1");
              assertThat(o.amount()).isEqualTo(500);
              assertThat(o.outRequestNo()).startsWith("p");
            });
    assertThat(progress.issuedCount()).isEqualTo(1);
    assertThat(stop.stopped()).isFalse();
  }

  @Test
  void aSuspectRuleLimitIsSentOnceMoreWithTheSameOutRequestNo() {
    when(coupons.sendCoupon(any(SendCouponRequest.class)))
        .thenThrow(refused(403, "RULE_LIMIT", "用户已达最大领券次数"))
        .thenReturn(issued("C2"));
    sender.send(1, "openid-1");
    verify(coupons, times(2)).sendCoupon(any(SendCouponRequest.class));
    assertThat(recorded()).extracting(Outcome::status).containsExactly(IssuanceLedger.ISSUED);
  }

  @Test
  void aRecipientRefusalIsRecordedAsRejectedAndTheSegmentGoesOn() {
    when(coupons.sendCoupon(any(SendCouponRequest.class)))
        .thenThrow(refused(403, "USER_ACCOUNT_ABNORMAL", "用户非法"));
    sender.send(2, "openid-2");
    assertThat(recorded())
        .singleElement()
        .satisfies(
            o -> {
              assertThat(o.status()).isEqualTo(IssuanceLedger.REJECTED);
              assertThat(o.errorCode()).isEqualTo("USER_ACCOUNT_ABNORMAL");
              assertThat(o.amount()).isZero();
            });
    assertThat(progress.rejectedCount()).isEqualTo(1);
    assertThat(stop.stopped()).isFalse();
  }

  @Test
  void transientFailuresAreRetriedThenFailTheAttemptWithoutAnOutcome() {
    when(coupons.sendCoupon(any(SendCouponRequest.class)))
        .thenThrow(refused(500, "SYSTEM_ERROR", "系统繁忙"));
    sender.send(3, "openid-3");
    verify(coupons, times(SETTINGS.transientAttempts())).sendCoupon(any(SendCouponRequest.class));
    assertThat(stop.transientFailure().code()).isEqualTo("SYSTEM_ERROR");
    assertThat(recorded()).isEmpty();
  }

  @Test
  void aNotEnoughWhenTodaysIssuesFillTheDailyCapStopsTheSegmentWithTheDailyLimit() {
    stock("running", 10, 1000, 5_000L);
    issuedToday.set(5_000);
    when(coupons.sendCoupon(any(SendCouponRequest.class)))
        .thenThrow(refused(403, "NOT_ENOUGH", "批次预算不足"));
    sender.send(4, "openid-4");
    assertThat(stop.reason().stop()).isEqualTo(IssueStop.DAILY_LIMIT);
    assertThat(stop.reason().code()).isEqualTo("NOT_ENOUGH");
    assertThat(stop.reason().message())
        .startsWith("5000 of max_amount_by_day 5000 fen issued today")
        .endsWith("403 NOT_ENOUGH 批次预算不足");
    verify(coupons, times(1)).sendCoupon(any(SendCouponRequest.class));
    assertThat(recorded()).isEmpty();
  }

  @Test
  void aNotEnoughOnAStockWithItsBudgetSpentStopsTheSegmentAtStockLevelWhateverTheMessage() {
    stock("running", 1000, 1000, 5_000L);
    when(coupons.sendCoupon(any(SendCouponRequest.class)))
        .thenThrow(refused(403, "NOT_ENOUGH", "发券超过单天限额"));
    sender.send(4, "openid-4");
    assertThat(stop.reason().stop()).isEqualTo(IssueStop.STOCK_LEVEL);
    assertThat(stop.reason().message()).startsWith("stock S1 has distributed 1000 of its 1000");
  }

  @Test
  void anInvalidRequestOnAStockPausedOutsideTheProductStopsTheSegmentAsNotRunning() {
    stock("paused", 10, 1000, null);
    when(coupons.sendCoupon(any(SendCouponRequest.class)))
        .thenThrow(refused(400, "INVALID_REQUEST", "暂时无法领取,请联系商家处理"));
    sender.send(4, "openid-4");
    assertThat(stop.reason().stop()).isEqualTo(IssueStop.STOCK_NOT_RUNNING);
    assertThat(stop.reason().message()).startsWith("stock S1 is paused");
    assertThat(recorded()).isEmpty();
  }

  @Test
  void anInvalidRequestOnAStockThatCanIssueIsRetriedAFewTimesThenRejectsTheRecipient() {
    when(coupons.sendCoupon(any(SendCouponRequest.class)))
        .thenThrow(refused(400, "INVALID_REQUEST", "活动已结束或未激活"));
    sender.send(4, "openid-4");
    verify(coupons, times(SETTINGS.unexplainedAttempts())).sendCoupon(any(SendCouponRequest.class));
    assertThat(recorded())
        .singleElement()
        .satisfies(
            o -> {
              assertThat(o.status()).isEqualTo(IssuanceLedger.REJECTED);
              assertThat(o.errorCode()).isEqualTo("INVALID_REQUEST");
            });
    assertThat(stop.stopped()).isFalse();
  }

  @Test
  void throttlingDisguisedAsAnInvalidRequestIsSentAgainAndIssued() {
    when(coupons.sendCoupon(any(SendCouponRequest.class)))
        .thenThrow(refused(400, "INVALID_REQUEST", "请求太多了"))
        .thenReturn(issued("C4"));
    sender.send(4, "openid-4");
    assertThat(recorded()).extracting(Outcome::status).containsExactly(IssuanceLedger.ISSUED);
    assertThat(stockQueries).hasValue(1);
  }

  @Test
  void recipientsRefusedOneAfterAnotherWhileTheStockCanIssueStopTheSegment() {
    when(coupons.sendCoupon(any(SendCouponRequest.class)))
        .thenThrow(refused(403, "REQUEST_BLOCKED", "商户无权发券"));
    sender.send(5, "openid-5");
    assertThat(stop.stopped()).isFalse();
    sender.send(6, "openid-6");
    assertThat(stop.reason().stop()).isEqualTo(IssueStop.STOCK_LEVEL);
    assertThat(stop.reason().message())
        .startsWith("2 recipients in a row refused while the stock can issue");
    assertThat(recorded())
        .extracting(Outcome::status)
        .containsExactly(IssuanceLedger.REJECTED, IssuanceLedger.REJECTED);
  }

  @Test
  void aStockQueryThatKeepsFailingFailsTheAttemptWithItsOwnRetryableError() {
    when(coupons.queryStock(any(QueryStockRequest.class)))
        .thenThrow(refused(500, "SYSTEM_ERROR", "系统繁忙"));
    when(coupons.sendCoupon(any(SendCouponRequest.class)))
        .thenThrow(refused(400, "INVALID_REQUEST", "?"));
    sender.send(7, "openid-7");
    assertThat(stop.transientFailure().code()).isEqualTo("SYSTEM_ERROR");
    assertThat(stop.transientFailure().kind().retryable()).isTrue();
    assertThat(recorded()).isEmpty();
  }

  @Test
  void unknownCodesAreRecordedAsFailedAndEnoughInARowStopTheSegment() {
    when(coupons.sendCoupon(any(SendCouponRequest.class)))
        .thenThrow(refused(400, "SOMETHING_NEW", "?"));
    sender.send(5, "openid-5");
    assertThat(stop.stopped()).isFalse();
    sender.send(6, "openid-6");
    assertThat(stop.reason().stop()).isEqualTo(IssueStop.STOCK_LEVEL);
    assertThat(stop.reason().message()).startsWith("2 unknown answers in a row");
    assertThat(recorded())
        .extracting(Outcome::status)
        .containsExactly(IssuanceLedger.FAILED, IssuanceLedger.FAILED);
  }

  @Test
  void aMerchantRemovedWhileTheSegmentRunsStopsItWithoutSending() {
    when(merchants.find("1900000001")).thenReturn(Optional.empty());
    sender.send(8, "openid-8");
    assertThat(stop.merchantIsGone()).isTrue();
    verify(coupons, times(0)).sendCoupon(any(SendCouponRequest.class));
  }

  @Test
  void nothingIsSentOnceTheSegmentHasStopped() {
    stop.stop(IssueStop.CAP_REACHED, null, "cap");
    sender.send(9, "openid-9");
    verify(coupons, times(0)).sendCoupon(any(SendCouponRequest.class));
  }
}
