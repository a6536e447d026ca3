package com.campaigns.sandbox;

import static com.campaigns.sandbox.SandboxFixture.PUBLIC_KEY_MCHID;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.wechat.pay.java.core.exception.ServiceException;
import com.wechat.pay.java.service.cashcoupons.model.CreateCouponStockRequest;
import com.wechat.pay.java.service.cashcoupons.model.FavorAvailableTime;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Every create-stock rule of the API docs and the developer guide's FAQ, one test each. */
class CreateStockValidationTest {

  private static final String SPECIAL = "你配置的信息需要开通特殊权限";
  private static SandboxFixture fixture;

  @BeforeAll
  static void start() {
    fixture = SandboxFixture.start();
  }

  @AfterAll
  static void stop() {
    fixture.close();
  }

  private static ServiceException rejection(Consumer<CreateCouponStockRequest> change) {
    CreateCouponStockRequest request = fixture.stockRequest(PUBLIC_KEY_MCHID);
    change.accept(request);
    try {
      fixture.coupons(PUBLIC_KEY_MCHID).createCouponStock(request);
    } catch (ServiceException e) {
      return e;
    }
    throw new AssertionError("stock was created");
  }

  private static void assertRejected(
      Consumer<CreateCouponStockRequest> change,
      int status,
      String code,
      String message,
      String field) {
    ServiceException e = rejection(change);
    assertThat(e.getHttpStatusCode()).isEqualTo(status);
    assertThat(e.getErrorCode()).isEqualTo(code);
    assertThat(e.getErrorMessage()).isEqualTo(message);
    JsonNode detail = detail(e);
    assertThat(detail.get("field").asText()).isEqualTo(field);
  }

  private static JsonNode detail(ServiceException e) {
    try {
      return fixture.json.readTree(e.getResponseBody()).get("detail");
    } catch (Exception ex) {
      throw new IllegalStateException(ex);
    }
  }

  private static Instant now() {
    return fixture.businessNow();
  }

  @Test
  void createsValidStockAsUnactivated() {
    String stockId = fixture.createStock(PUBLIC_KEY_MCHID, r -> {});
    var query = new com.wechat.pay.java.service.cashcoupons.model.QueryStockRequest();
    query.setStockId(stockId);
    query.setStockCreatorMchid(PUBLIC_KEY_MCHID);
    assertThat(fixture.coupons(PUBLIC_KEY_MCHID).queryStock(query).getStatus())
        .isEqualTo("unactivated");
  }

  @Test
  void rejectsMissingStockName() {
    ServiceException e = rejection(r -> r.setStockName(null));
    assertThat(e.getErrorCode()).isEqualTo("PARAM_ERROR");
    assertThat(e.getErrorMessage())
        .isEqualTo("输入源“/body/stock_name”映射到字段“stock_name”必填性规则校验失败,此字段为必填项");
    assertThat(detail(e).get("field").asText()).isEqualTo("stock_name");
  }

  @Test
  void rejectsMissingNestedFieldWithDottedPath() {
    assertRejected(
        r -> r.getStockUseRule().setMaxCoupons(null),
        400,
        "PARAM_ERROR",
        "输入源“/body/stock_use_rule/max_coupons”映射到字段“max_coupons”必填性规则校验失败,此字段为必填项",
        "stock_use_rule.max_coupons");
  }

  @Test
  void rejectsMissingNoCash() {
    assertRejected(
        r -> r.setNoCash(null),
        400,
        "PARAM_ERROR",
        "输入源“/body/no_cash”映射到字段“no_cash”必填性规则校验失败,此字段为必填项",
        "no_cash");
  }

  @Test
  void rejectsMissingOutRequestNo() {
    assertRejected(
        r -> r.setOutRequestNo(null),
        400,
        "PARAM_ERROR",
        "输入源“/body/out_request_no”映射到字段“out_request_no”必填性规则校验失败,此字段为必填项",
        "out_request_no");
  }

  @Test
  void acceptsStockNameOfNineChineseCharacters() {
    assertThat(fixture.createStock(PUBLIC_KEY_MCHID, r -> r.setStockName("一二三四五六七八九")))
        .isNotBlank();
  }

  @Test
  void rejectsStockNameOfTenChineseCharacters() {
    assertRejected(r -> r.setStockName("一二三四五六七八九十"), 400, "PARAM_ERROR", SPECIAL, "stock_name");
  }

  @Test
  void acceptsStockNameOfTwentyLetters() {
    assertThat(fixture.createStock(PUBLIC_KEY_MCHID, r -> r.setStockName("abcdefghijklmnopqrst")))
        .isNotBlank();
  }

  @Test
  void rejectsStockNameOfTwentyOneLetters() {
    assertRejected(
        r -> r.setStockName("abcdefghijklmnopqrstu"), 400, "PARAM_ERROR", SPECIAL, "stock_name");
  }

  @Test
  void rejectsStockNameWithUnderscore() {
    assertRejected(
        r -> r.setStockName("春季_券"), 400, "PARAM_ERROR", "批次名称不能包含特殊字符_,;|", "stock_name");
  }

  @Test
  void rejectsStockNameWithComma() {
    assertRejected(
        r -> r.setStockName("春季,券"), 400, "PARAM_ERROR", "批次名称不能包含特殊字符_,;|", "stock_name");
  }

  @Test
  void rejectsStockNameWithSemicolon() {
    assertRejected(
        r -> r.setStockName("春季;券"), 400, "PARAM_ERROR", "批次名称不能包含特殊字符_,;|", "stock_name");
  }

  @Test
  void rejectsStockNameWithPipe() {
    assertRejected(
        r -> r.setStockName("春季|券"), 400, "PARAM_ERROR", "批次名称不能包含特殊字符_,;|", "stock_name");
  }

  @Test
  void rejectsEmojiAnywhereInBody() {
    assertRejected(
        r -> r.setComment("spring 🎉"),
        400,
        "PARAM_ERROR",
        "输入源“/body/comment”包含不支持的字符",
        "comment");
  }

  @Test
  void rejectsCommentLongerThanSixtyCharacters() {
    assertRejected(
        r -> r.setComment("券".repeat(61)),
        400,
        "PARAM_ERROR",
        "输入源“/body/comment”映射到字段“comment”长度校验失败",
        "comment");
  }

  @Test
  void rejectsBelongMerchantOtherThanCreator() {
    assertRejected(
        r -> r.setBelongMerchant("1900000002"),
        400,
        "PARAM_ERROR",
        "批次归属商户号与调用商户号不一致",
        "belong_merchant");
  }

  @Test
  void rejectsCouponAmountBelowTenFen() {
    assertRejected(
        r -> {
          r.getCouponUseRule().getFixedNormalCoupon().setCouponAmount(9L);
          r.getStockUseRule().setMaxAmount(900L);
        },
        400,
        "PARAM_ERROR",
        SPECIAL,
        "coupon_use_rule.fixed_normal_coupon.coupon_amount");
  }

  @Test
  void rejectsCouponAmountAboveOneThousandYuan() {
    assertRejected(
        r -> {
          r.getCouponUseRule().getFixedNormalCoupon().setCouponAmount(100_001L);
          r.getCouponUseRule().getFixedNormalCoupon().setTransactionMinimum(200_000L);
          r.getStockUseRule().setMaxAmount(10_000_100L);
        },
        400,
        "PARAM_ERROR",
        SPECIAL,
        "coupon_use_rule.fixed_normal_coupon.coupon_amount");
  }

  @Test
  void rejectsThresholdEqualToFaceValue() {
    assertRejected(
        r -> r.getCouponUseRule().getFixedNormalCoupon().setTransactionMinimum(500L),
        400,
        "PARAM_ERROR",
        SPECIAL,
        "coupon_use_rule.fixed_normal_coupon.transaction_minimum");
  }

  @Test
  void acceptsThresholdOneFenAboveFaceValue() {
    assertThat(
            fixture.createStock(
                PUBLIC_KEY_MCHID,
                r -> r.getCouponUseRule().getFixedNormalCoupon().setTransactionMinimum(501L)))
        .isNotBlank();
  }

  @Test
  void rejectsThresholdAboveOneHundredThousandYuan() {
    assertRejected(
        r -> r.getCouponUseRule().getFixedNormalCoupon().setTransactionMinimum(10_000_001L),
        400,
        "PARAM_ERROR",
        SPECIAL,
        "coupon_use_rule.fixed_normal_coupon.transaction_minimum");
  }

  @Test
  void rejectsBudgetOtherThanFaceValueTimesCount() {
    assertRejected(
        r -> r.getStockUseRule().setMaxAmount(49_999L),
        400,
        "PARAM_ERROR",
        "批次预算等于批次面额乘以发券数",
        "stock_use_rule.max_amount");
  }

  @Test
  void rejectsZeroCouponsPerUser() {
    assertRejected(
        r -> r.getStockUseRule().setMaxCouponsPerUser(0),
        400,
        "PARAM_ERROR",
        SPECIAL,
        "stock_use_rule.max_coupons_per_user");
  }

  @Test
  void rejectsDailyLimitBelowFaceValue() {
    assertRejected(
        r -> r.getStockUseRule().setMaxAmountByDay(100L),
        400,
        "PARAM_ERROR",
        "单天发放上限金额须在面额与批次预算之间",
        "stock_use_rule.max_amount_by_day");
  }

  @Test
  void rejectsAvailableTimeAfterReceiveOfZeroMinutes() {
    assertRejected(
        r -> r.getCouponUseRule().setCouponAvailableTime(afterReceive(0)),
        400,
        "PARAM_ERROR",
        SPECIAL,
        "coupon_use_rule.coupon_available_time.available_time_after_receive");
  }

  @Test
  void rejectsAvailableTimeAfterReceiveAboveOneDay() {
    assertRejected(
        r -> r.getCouponUseRule().setCouponAvailableTime(afterReceive(1441)),
        400,
        "PARAM_ERROR",
        SPECIAL,
        "coupon_use_rule.coupon_available_time.available_time_after_receive");
  }

  @Test
  void acceptsAvailableTimeAfterReceiveOfOneDay() {
    assertThat(
            fixture.createStock(
                PUBLIC_KEY_MCHID,
                r -> r.getCouponUseRule().setCouponAvailableTime(afterReceive(1440))))
        .isNotBlank();
  }

  @Test
  void rejectsStockTypeOtherThanNormal() {
    assertRejected(r -> r.setStockType("DISCOUNT"), 400, "PARAM_ERROR", SPECIAL, "stock_type");
  }

  @Test
  void rejectsOutRequestNoWithForbiddenCharacters() {
    assertRejected(
        r -> r.setOutRequestNo("abc.def"),
        400,
        "PARAM_ERROR",
        "输入源“/body/out_request_no”映射到字段“out_request_no”格式校验失败",
        "out_request_no");
  }

  @Test
  void rejectsOutRequestNoLongerThan128() {
    assertRejected(
        r -> r.setOutRequestNo("a".repeat(129)),
        400,
        "PARAM_ERROR",
        "输入源“/body/out_request_no”映射到字段“out_request_no”格式校验失败",
        "out_request_no");
  }

  @Test
  void acceptsOutRequestNoWithAllAllowedSymbols() {
    assertThat(
            fixture.createStock(
                PUBLIC_KEY_MCHID, r -> r.setOutRequestNo(SandboxFixture.unique("a|b_c*d-e"))))
        .isNotBlank();
  }

  @Test
  void rejectsBeginInThePast() {
    assertRejected(
        r -> r.setAvailableBeginTime(SandboxFixture.rfc3339(now().minusSeconds(60))),
        403,
        "REQUEST_BLOCKED",
        "活动未开始或已结束",
        "available_begin_time");
  }

  @Test
  void rejectsBeginMoreThan365DaysAhead() {
    assertRejected(
        r -> {
          r.setAvailableBeginTime(SandboxFixture.rfc3339(now().plus(Duration.ofDays(366))));
          r.setAvailableEndTime(SandboxFixture.rfc3339(now().plus(Duration.ofDays(367))));
        },
        403,
        "REQUEST_BLOCKED",
        "活动未开始或已结束",
        "available_begin_time");
  }

  @Test
  void rejectsWindowLongerThanNinetyDays() {
    assertRejected(
        r -> {
          Instant begin = now().plusSeconds(60);
          r.setAvailableBeginTime(SandboxFixture.rfc3339(begin));
          r.setAvailableEndTime(
              SandboxFixture.rfc3339(begin.plus(Duration.ofDays(90)).plusSeconds(1)));
        },
        403,
        "REQUEST_BLOCKED",
        "活动未开始或已结束",
        "available_begin_time");
  }

  @Test
  void acceptsWindowOfExactlyNinetyDays() {
    assertThat(
            fixture.createStock(
                PUBLIC_KEY_MCHID,
                r -> {
                  Instant begin = now().plusSeconds(60);
                  r.setAvailableBeginTime(SandboxFixture.rfc3339(begin));
                  r.setAvailableEndTime(SandboxFixture.rfc3339(begin.plus(Duration.ofDays(90))));
                }))
        .isNotBlank();
  }

  @Test
  void rejectsEndBeforeBegin() {
    assertRejected(
        r -> {
          r.setAvailableBeginTime(SandboxFixture.rfc3339(now().plusSeconds(3600)));
          r.setAvailableEndTime(SandboxFixture.rfc3339(now().plusSeconds(1800)));
        },
        403,
        "REQUEST_BLOCKED",
        "活动未开始或已结束",
        "available_end_time");
  }

  @Test
  void rejectsMalformedTime() {
    assertRejected(
        r -> r.setAvailableBeginTime("2026-12-01 10:00:00"),
        400,
        "PARAM_ERROR",
        "输入源“/body/available_begin_time”映射到字段“available_begin_time”格式校验失败",
        "available_begin_time");
  }

  @Test
  void rejectsNonJsonBody() throws Exception {
    RawClient.Result result =
        fixture
            .raw(PUBLIC_KEY_MCHID)
            .call("POST", "/v3/marketing/favor/coupon-stocks", "{not json")
            .execute();
    assertThat(result.status()).isEqualTo(400);
    assertThat(fixture.json.readTree(result.body()).get("code").asText()).isEqualTo("PARAM_ERROR");
  }

  @Test
  void rejectsWrongFieldType() throws Exception {
    String body = fixture.json.writeValueAsString(java.util.Map.of("stock_name", 5));
    RawClient.Result result =
        fixture
            .raw(PUBLIC_KEY_MCHID)
            .call("POST", "/v3/marketing/favor/coupon-stocks", body)
            .execute();
    assertThat(result.status()).isEqualTo(400);
    assertThat(fixture.json.readTree(result.body()).at("/detail/field").asText())
        .isEqualTo("stock_name");
  }

  @Test
  void rejectedRequestCreatesNothing() {
    assertThatThrownBy(() -> fixture.createStock(PUBLIC_KEY_MCHID, r -> r.setStockType("DISCOUNT")))
        .isInstanceOf(ServiceException.class);
    var list = new com.wechat.pay.java.service.cashcoupons.model.ListStocksRequest();
    list.setOffset(0);
    list.setLimit(10);
    list.setStockCreatorMchid(PUBLIC_KEY_MCHID);
    assertThat(fixture.coupons(PUBLIC_KEY_MCHID).listStocks(list).getData())
        .noneMatch(s -> "DISCOUNT".equals(s.getStockType()));
  }

  private static FavorAvailableTime afterReceive(int minutes) {
    FavorAvailableTime time = new FavorAvailableTime();
    time.setAvailableTimeAfterReceive(minutes);
    return time;
  }
}
