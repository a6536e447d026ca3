package com.campaigns.sandbox;

import static com.campaigns.sandbox.SandboxFixture.PUBLIC_KEY_APPID;
import static com.campaigns.sandbox.SandboxFixture.PUBLIC_KEY_MCHID;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.gson.JsonObject;
import com.wechat.pay.java.core.exception.ServiceException;
import com.wechat.pay.java.core.http.Constant;
import com.wechat.pay.java.core.http.HttpMethod;
import com.wechat.pay.java.core.http.HttpRequest;
import com.wechat.pay.java.core.http.MediaType;
import com.wechat.pay.java.service.cashcoupons.model.Coupon;
import com.wechat.pay.java.service.cashcoupons.model.ListCouponsByFilterRequest;
import com.wechat.pay.java.service.cashcoupons.model.QueryCouponRequest;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Query coupon and the user's coupon list. */
class CouponQueriesTest {

  private static SandboxFixture fixture;

  @BeforeAll
  static void start() {
    fixture = SandboxFixture.start();
  }

  @AfterAll
  static void stop() {
    fixture.close();
  }

  private static QueryCouponRequest query(String openid, String couponId) {
    QueryCouponRequest q = new QueryCouponRequest();
    q.setOpenid(openid);
    q.setCouponId(couponId);
    q.setAppid(PUBLIC_KEY_APPID);
    return q;
  }

  @Test
  void queryCouponReturnsTheSentCoupon() {
    String stockId = fixture.runningStock(PUBLIC_KEY_MCHID, r -> {});
    String openid = SandboxFixture.unique("o");
    String couponId = fixture.send(PUBLIC_KEY_MCHID, stockId, openid);
    Coupon coupon = fixture.coupons(PUBLIC_KEY_MCHID).queryCoupon(query(openid, couponId));
    assertThat(coupon.getStockId()).isEqualTo(stockId);
    assertThat(coupon.getStatus()).isEqualTo("SENDED");
    assertThat(coupon.getCouponType()).isEqualTo("NORMAL");
    assertThat(coupon.getNormalCouponInformation().getCouponAmount()).isEqualTo(500L);
  }

  @Test
  void queryCouponShowsIdAndConsumeInformationOnTheWire() {
    String stockId = fixture.runningStock(PUBLIC_KEY_MCHID, r -> {});
    String openid = SandboxFixture.unique("o");
    String couponId = fixture.send(PUBLIC_KEY_MCHID, stockId, openid);
    fixture.admin("POST", "/sandbox/stocks/" + stockId + "/redeem", Map.of("count", 1));
    HttpRequest request =
        new HttpRequest.Builder()
            .httpMethod(HttpMethod.GET)
            .url(
                "https://api.mch.weixin.qq.com/v3/marketing/favor/users/"
                    + openid
                    + "/coupons/"
                    + couponId
                    + "?appid="
                    + PUBLIC_KEY_APPID)
            .addHeader(Constant.ACCEPT, MediaType.APPLICATION_JSON.getValue())
            .addHeader(Constant.CONTENT_TYPE, MediaType.APPLICATION_JSON.getValue())
            .build();
    JsonObject body =
        fixture
            .httpClient(fixture.config(PUBLIC_KEY_MCHID))
            .execute(request, JsonObject.class)
            .getServiceResponse();
    assertThat(body.get("coupon_id").getAsString()).isEqualTo(couponId);
    assertThat(body.get("status").getAsString()).isEqualTo("USED");
    assertThat(body.getAsJsonObject("consume_information").get("transaction_id").getAsString())
        .startsWith("4200");
  }

  @Test
  void queryCouponOfAnotherUserIsNotFound() {
    String stockId = fixture.runningStock(PUBLIC_KEY_MCHID, r -> {});
    String couponId = fixture.send(PUBLIC_KEY_MCHID, stockId, SandboxFixture.unique("o"));
    assertThatThrownBy(
            () -> fixture.coupons(PUBLIC_KEY_MCHID).queryCoupon(query("someone-else", couponId)))
        .isInstanceOfSatisfying(
            ServiceException.class,
            e -> assertThat(e.getErrorCode()).isEqualTo("RESOURCE_NOT_EXISTS"));
  }

  @Test
  void couponExpiresAfterAvailableMinutes() {
    String stockId =
        fixture.runningStock(
            PUBLIC_KEY_MCHID,
            r -> {
              var time = new com.wechat.pay.java.service.cashcoupons.model.FavorAvailableTime();
              time.setAvailableTimeAfterReceive(10);
              r.getCouponUseRule().setCouponAvailableTime(time);
            });
    String openid = SandboxFixture.unique("o");
    String couponId = fixture.send(PUBLIC_KEY_MCHID, stockId, openid);
    fixture.shiftClock(601);
    assertThat(fixture.coupons(PUBLIC_KEY_MCHID).queryCoupon(query(openid, couponId)).getStatus())
        .isEqualTo("EXPIRED");
  }

  @Test
  void listsUserCouponsByCreator() {
    String stockId =
        fixture.runningStock(PUBLIC_KEY_MCHID, r -> r.getStockUseRule().setMaxCouponsPerUser(3));
    String openid = SandboxFixture.unique("o");
    fixture.send(PUBLIC_KEY_MCHID, stockId, openid);
    fixture.send(PUBLIC_KEY_MCHID, stockId, openid);
    ListCouponsByFilterRequest request = new ListCouponsByFilterRequest();
    request.setOpenid(openid);
    request.setAppid(PUBLIC_KEY_APPID);
    request.setCreatorMchid(PUBLIC_KEY_MCHID);
    var page = fixture.coupons(PUBLIC_KEY_MCHID).listCouponsByFilter(request);
    assertThat(page.getTotalCount()).isEqualTo(2);
    assertThat(page.getData()).extracting(Coupon::getStockId).containsOnly(stockId);
  }

  @Test
  void listByAvailableMerchantShowsUsableCouponsOnly() {
    String stockId =
        fixture.runningStock(PUBLIC_KEY_MCHID, r -> r.getStockUseRule().setMaxCouponsPerUser(3));
    String openid = SandboxFixture.unique("o");
    String used = fixture.send(PUBLIC_KEY_MCHID, stockId, openid);
    fixture.send(PUBLIC_KEY_MCHID, stockId, openid);
    fixture.admin(
        "POST",
        "/sandbox/stocks/" + stockId + "/redeem",
        Map.of("coupon_ids", java.util.List.of(used)));
    ListCouponsByFilterRequest request = new ListCouponsByFilterRequest();
    request.setOpenid(openid);
    request.setAppid(PUBLIC_KEY_APPID);
    request.setAvailableMchid(PUBLIC_KEY_MCHID);
    var page = fixture.coupons(PUBLIC_KEY_MCHID).listCouponsByFilter(request);
    assertThat(page.getData()).hasSize(1).allMatch(c -> c.getStatus().equals("SENDED"));
  }

  @Test
  void listWithoutMerchantFilterIsParamError() {
    ListCouponsByFilterRequest request = new ListCouponsByFilterRequest();
    request.setOpenid("x");
    request.setAppid(PUBLIC_KEY_APPID);
    assertThatThrownBy(() -> fixture.coupons(PUBLIC_KEY_MCHID).listCouponsByFilter(request))
        .isInstanceOfSatisfying(
            ServiceException.class, e -> assertThat(e.getErrorCode()).isEqualTo("PARAM_ERROR"));
  }

  @Test
  void refundRecordsOnlyUsedCoupons() {
    String stockId = fixture.runningStock(PUBLIC_KEY_MCHID, r -> {});
    fixture.send(PUBLIC_KEY_MCHID, stockId, SandboxFixture.unique("o"));
    fixture.send(PUBLIC_KEY_MCHID, stockId, SandboxFixture.unique("o"));
    fixture.admin("POST", "/sandbox/stocks/" + stockId + "/redeem", Map.of("count", 1));
    JsonNode refunded =
        fixture.admin("POST", "/sandbox/stocks/" + stockId + "/refund", Map.of("count", 5));
    assertThat(refunded.get("count").asInt()).isEqualTo(1);
  }
}
