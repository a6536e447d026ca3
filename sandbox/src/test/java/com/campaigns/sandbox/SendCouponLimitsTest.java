package com.campaigns.sandbox;

import static com.campaigns.sandbox.SandboxFixture.CERT_MCHID;
import static com.campaigns.sandbox.SandboxFixture.PUBLIC_KEY_MCHID;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.wechat.pay.java.core.exception.ServiceException;
import com.wechat.pay.java.service.cashcoupons.model.PauseStockRequest;
import com.wechat.pay.java.service.cashcoupons.model.SendCouponRequest;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Send-coupon rules and limits, each provoked through the SDK. */
class SendCouponLimitsTest {

  private static SandboxFixture fixture;

  @BeforeAll
  static void start() {
    fixture =
        SandboxFixture.start(
            SandboxOptions.builder().property("sandbox.limits.send-rate-per-second", "100000"));
  }

  @AfterAll
  static void stop() {
    fixture.close();
  }

  private static void assertRejected(
      ThrowingCallable call, int status, String code, String message) {
    assertThatThrownBy(call)
        .isInstanceOfSatisfying(
            ServiceException.class,
            e -> {
              assertThat(e.getHttpStatusCode()).isEqualTo(status);
              assertThat(e.getErrorCode()).isEqualTo(code);
              assertThat(e.getErrorMessage()).isEqualTo(message);
            });
  }

  private static String openid() {
    return SandboxFixture.unique("o");
  }

  @Test
  void sendsCouponFromRunningStock() {
    String stockId = fixture.runningStock(PUBLIC_KEY_MCHID, r -> {});
    assertThat(fixture.send(PUBLIC_KEY_MCHID, stockId, openid())).matches("\\d+");
  }

  @Test
  void certificateModeMerchantSendsToo() {
    String stockId = fixture.runningStock(CERT_MCHID, r -> {});
    assertThat(fixture.send(CERT_MCHID, stockId, openid())).isNotBlank();
  }

  @Test
  void rejectsSendFromUnactivatedStock() {
    String stockId = fixture.createStock(PUBLIC_KEY_MCHID, r -> {});
    assertRejected(
        () -> fixture.send(PUBLIC_KEY_MCHID, stockId, openid()),
        400,
        "INVALID_REQUEST",
        "活动已结束或未激活");
  }

  @Test
  void rejectsSendFromPausedStock() {
    String stockId = fixture.runningStock(PUBLIC_KEY_MCHID, r -> {});
    PauseStockRequest pause = new PauseStockRequest();
    pause.setStockId(stockId);
    pause.setStockCreatorMchid(PUBLIC_KEY_MCHID);
    fixture.coupons(PUBLIC_KEY_MCHID).pauseStock(pause);
    assertRejected(
        () -> fixture.send(PUBLIC_KEY_MCHID, stockId, openid()),
        400,
        "INVALID_REQUEST",
        "活动已结束或未激活");
  }

  @Test
  void rejectsSendBeforeAvailableBeginTime() {
    String stockId =
        fixture.createStock(
            PUBLIC_KEY_MCHID,
            r ->
                r.setAvailableBeginTime(
                    SandboxFixture.rfc3339(fixture.businessNow().plus(Duration.ofHours(2)))));
    var start = new com.wechat.pay.java.service.cashcoupons.model.StartStockRequest();
    start.setStockId(stockId);
    start.setStockCreatorMchid(PUBLIC_KEY_MCHID);
    fixture.coupons(PUBLIC_KEY_MCHID).startStock(start);
    assertRejected(
        () -> fixture.send(PUBLIC_KEY_MCHID, stockId, openid()),
        400,
        "INVALID_REQUEST",
        "活动已结束或未激活");
  }

  @Test
  void rejectsWhenMaxCouponsReached() {
    String stockId =
        fixture.runningStock(
            PUBLIC_KEY_MCHID,
            r -> {
              r.getStockUseRule().setMaxCoupons(2L);
              r.getStockUseRule().setMaxAmount(1_000L);
            });
    fixture.send(PUBLIC_KEY_MCHID, stockId, openid());
    fixture.send(PUBLIC_KEY_MCHID, stockId, openid());
    assertRejected(
        () -> fixture.send(PUBLIC_KEY_MCHID, stockId, openid()), 403, "NOT_ENOUGH", "批次预算不足");
  }

  @Test
  void rejectsWhenDailyAmountReachedAndAllowsAgainNextDay() {
    String stockId =
        fixture.runningStock(PUBLIC_KEY_MCHID, r -> r.getStockUseRule().setMaxAmountByDay(1_000L));
    fixture.send(PUBLIC_KEY_MCHID, stockId, openid());
    fixture.send(PUBLIC_KEY_MCHID, stockId, openid());
    assertRejected(
        () -> fixture.send(PUBLIC_KEY_MCHID, stockId, openid()), 403, "NOT_ENOUGH", "发券超过单天限额");
    fixture.shiftClock(Duration.ofDays(1).toSeconds());
    assertThat(fixture.send(PUBLIC_KEY_MCHID, stockId, openid())).isNotBlank();
  }

  @Test
  void rejectsWhenUserReachedMaxCouponsPerUser() {
    String stockId =
        fixture.runningStock(PUBLIC_KEY_MCHID, r -> r.getStockUseRule().setMaxCouponsPerUser(2));
    String user = openid();
    fixture.send(PUBLIC_KEY_MCHID, stockId, user);
    fixture.send(PUBLIC_KEY_MCHID, stockId, user);
    assertRejected(
        () -> fixture.send(PUBLIC_KEY_MCHID, stockId, user), 403, "RULE_LIMIT", "用户已达最大领券次数");
  }

  @Test
  void naturalPersonLimitAnswersUserAlreadyGotCoupon() {
    String stockId =
        fixture.runningStock(
            PUBLIC_KEY_MCHID, r -> r.getStockUseRule().setNaturalPersonLimit(true));
    String user = openid();
    fixture.send(PUBLIC_KEY_MCHID, stockId, user);
    assertRejected(
        () -> fixture.send(PUBLIC_KEY_MCHID, stockId, user),
        403,
        "USER_AL_GET_COUPON",
        "超过自然人最大限领数");
  }

  @Test
  void rejectsMoreThan5000YuanPerUserPerMonthFromOneMerchant() {
    // 1000-yuan coupons: five fit into 5000 yuan, the sixth does not.
    String stockId =
        fixture.runningStock(
            PUBLIC_KEY_MCHID,
            r -> {
              r.getCouponUseRule().getFixedNormalCoupon().setCouponAmount(100_000L);
              r.getCouponUseRule().getFixedNormalCoupon().setTransactionMinimum(100_001L);
              r.getStockUseRule().setMaxCoupons(10L);
              r.getStockUseRule().setMaxAmount(1_000_000L);
              r.getStockUseRule().setMaxCouponsPerUser(10);
            });
    String user = openid();
    for (int i = 0; i < 5; i++) {
      fixture.send(PUBLIC_KEY_MCHID, stockId, user);
    }
    assertRejected(
        () -> fixture.send(PUBLIC_KEY_MCHID, stockId, user),
        400,
        "INVALID_REQUEST",
        "暂时无法领取,请联系商家处理");
  }

  @Test
  void monthlyCapStartsAfreshInTheNextNaturalMonth() {
    String stockId =
        fixture.runningStock(
            PUBLIC_KEY_MCHID,
            r -> {
              r.getCouponUseRule().getFixedNormalCoupon().setCouponAmount(100_000L);
              r.getCouponUseRule().getFixedNormalCoupon().setTransactionMinimum(100_001L);
              r.getStockUseRule().setMaxCoupons(10L);
              r.getStockUseRule().setMaxAmount(1_000_000L);
              r.getStockUseRule().setMaxCouponsPerUser(10);
              r.setAvailableEndTime(
                  SandboxFixture.rfc3339(fixture.businessNow().plus(Duration.ofDays(80))));
            });
    String user = openid();
    for (int i = 0; i < 5; i++) {
      fixture.send(PUBLIC_KEY_MCHID, stockId, user);
    }
    ZoneId shanghai = ZoneId.of("Asia/Shanghai");
    LocalDate today = LocalDate.ofInstant(fixture.businessNow(), shanghai);
    long toNextMonth =
        Duration.between(
                fixture.businessNow(),
                today.withDayOfMonth(1).plusMonths(1).atTime(0, 0, 5).atZone(shanghai).toInstant())
            .toSeconds();
    fixture.shiftClock(toNextMonth);
    assertThat(fixture.send(PUBLIC_KEY_MCHID, stockId, user)).isNotBlank();
  }

  @Test
  void rejectsAppidNotBoundToMerchant() {
    String stockId = fixture.runningStock(PUBLIC_KEY_MCHID, r -> {});
    SendCouponRequest request = fixture.sendRequest(PUBLIC_KEY_MCHID, stockId, openid());
    request.setAppid(SandboxFixture.CERT_APPID);
    assertThatThrownBy(() -> fixture.coupons(PUBLIC_KEY_MCHID).sendCoupon(request))
        .isInstanceOfSatisfying(
            ServiceException.class,
            e -> {
              assertThat(e.getHttpStatusCode()).isEqualTo(400);
              assertThat(e.getErrorCode()).isEqualTo("APPID_MCHID_NOT_MATCH");
            });
  }

  @Test
  void rejectsStockCreatorOtherThanTheCreator() {
    String stockId = fixture.runningStock(PUBLIC_KEY_MCHID, r -> {});
    SendCouponRequest request = fixture.sendRequest(PUBLIC_KEY_MCHID, stockId, openid());
    request.setStockCreatorMchid(CERT_MCHID);
    assertRejected(
        () -> fixture.coupons(PUBLIC_KEY_MCHID).sendCoupon(request),
        400,
        "INVALID_REQUEST",
        "批次信息获取失败,请确认参数");
  }

  @Test
  void rejectsSendingAnotherMerchantsStock() {
    String stockId = fixture.runningStock(PUBLIC_KEY_MCHID, r -> {});
    SendCouponRequest request = fixture.sendRequest(CERT_MCHID, stockId, openid());
    request.setStockCreatorMchid(PUBLIC_KEY_MCHID);
    assertRejected(
        () -> fixture.coupons(CERT_MCHID).sendCoupon(request), 403, "REQUEST_BLOCKED", "调用商户无权限");
  }

  @Test
  void rejectsUnknownStock() {
    assertRejected(
        () -> fixture.send(PUBLIC_KEY_MCHID, "42", openid()), 404, "RESOURCE_NOT_EXISTS", "批次不存在");
  }

  @Test
  void rejectsAbnormalUser() {
    String stockId = fixture.runningStock(PUBLIC_KEY_MCHID, r -> {});
    assertRejected(
        () -> fixture.send(PUBLIC_KEY_MCHID, stockId, "abnormal_" + openid()),
        403,
        "USER_ACCOUNT_ABNORMAL",
        "用户非法");
  }

  @Test
  void rejectsMissingAppid() {
    String stockId = fixture.runningStock(PUBLIC_KEY_MCHID, r -> {});
    SendCouponRequest request = fixture.sendRequest(PUBLIC_KEY_MCHID, stockId, openid());
    request.setAppid(null);
    assertThatThrownBy(() -> fixture.coupons(PUBLIC_KEY_MCHID).sendCoupon(request))
        .isInstanceOfSatisfying(
            ServiceException.class, e -> assertThat(e.getErrorCode()).isEqualTo("PARAM_ERROR"));
  }

  @Test
  void rejectsCouponValueThatDiffersFromStock() {
    String stockId = fixture.runningStock(PUBLIC_KEY_MCHID, r -> {});
    SendCouponRequest request = fixture.sendRequest(PUBLIC_KEY_MCHID, stockId, openid());
    request.setCouponValue(100L);
    assertThatThrownBy(() -> fixture.coupons(PUBLIC_KEY_MCHID).sendCoupon(request))
        .isInstanceOfSatisfying(
            ServiceException.class, e -> assertThat(e.getErrorCode()).isEqualTo("PARAM_ERROR"));
  }

  @Test
  void rejectsSendAfterStockEnded() {
    String stockId =
        fixture.runningStock(
            PUBLIC_KEY_MCHID,
            r ->
                r.setAvailableEndTime(
                    SandboxFixture.rfc3339(fixture.businessNow().plus(Duration.ofMinutes(10)))));
    fixture.shiftClock(601);
    assertRejected(
        () -> fixture.send(PUBLIC_KEY_MCHID, stockId, openid()),
        400,
        "INVALID_REQUEST",
        "活动已结束或未激活");
  }

  @Test
  void concurrentSendsToSameUserGetFalseRuleLimit() throws Exception {
    try (SandboxFixture slow =
        SandboxFixture.start(
            SandboxOptions.builder().property("sandbox.limits.send-processing-time", "500ms"))) {
      String stockId =
          slow.runningStock(PUBLIC_KEY_MCHID, r -> r.getStockUseRule().setMaxCouponsPerUser(5));
      String user = openid();
      ExecutorService pool = Executors.newFixedThreadPool(2);
      try {
        List<Future<String>> sends = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
          sends.add(
              pool.submit(
                  () -> {
                    try {
                      return slow.send(PUBLIC_KEY_MCHID, stockId, user);
                    } catch (ServiceException e) {
                      return e.getHttpStatusCode() + " " + e.getErrorCode();
                    }
                  }));
        }
        List<String> outcomes = new ArrayList<>();
        for (Future<String> send : sends) {
          outcomes.add(send.get());
        }
        assertThat(outcomes).filteredOn(o -> o.equals("403 RULE_LIMIT")).hasSize(1);
        assertThat(outcomes).filteredOn(o -> o.matches("\\d+")).hasSize(1);
        // The user had room for five: the rejection was the false positive, not a real limit.
        assertThat(slow.send(PUBLIC_KEY_MCHID, stockId, user)).isNotBlank();
      } finally {
        pool.shutdownNow();
      }
    }
  }

  @Test
  void concurrentSendsQueueWhenFalseRuleLimitIsSwitchedOff() throws Exception {
    try (SandboxFixture slow =
        SandboxFixture.start(
            SandboxOptions.builder()
                .property("sandbox.limits.send-processing-time", "300ms")
                .property("sandbox.limits.concurrent-send-rule-limit", "false"))) {
      String stockId =
          slow.runningStock(PUBLIC_KEY_MCHID, r -> r.getStockUseRule().setMaxCouponsPerUser(5));
      String user = openid();
      ExecutorService pool = Executors.newFixedThreadPool(2);
      try {
        Future<String> first = pool.submit(() -> slow.send(PUBLIC_KEY_MCHID, stockId, user));
        Future<String> second = pool.submit(() -> slow.send(PUBLIC_KEY_MCHID, stockId, user));
        assertThat(first.get()).isNotEqualTo(second.get());
      } finally {
        pool.shutdownNow();
      }
    }
  }

  @Test
  void rejectsMoreSendsPerSecondThanTheMerchantLimit() {
    try (SandboxFixture limited =
        SandboxFixture.start(
            SandboxOptions.builder().property("sandbox.limits.send-rate-per-second", "3"))) {
      String stockId = limited.runningStock(PUBLIC_KEY_MCHID, r -> {});
      int throttled = 0;
      for (int i = 0; i < 30; i++) {
        try {
          limited.send(PUBLIC_KEY_MCHID, stockId, openid());
        } catch (ServiceException e) {
          assertThat(e.getHttpStatusCode()).isEqualTo(429);
          assertThat(e.getErrorCode()).isEqualTo("FREQUENCY_LIMITED");
          assertThat(e.getErrorMessage()).isEqualTo("请求过于频繁");
          throttled++;
        }
      }
      // Thirty calls would have to spread over ten one-second windows to all pass.
      assertThat(throttled).isPositive();
    }
  }
}
