package com.campaigns.starter.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.campaigns.ledger.CampaignIndex;
import com.campaigns.ledger.CouponUses;
import com.campaigns.starter.ApiClient;
import com.campaigns.starter.StackTest;
import com.campaigns.starter.TestSandbox;
import com.campaigns.wechatpay.MerchantClient;
import com.campaigns.wechatpay.WechatMerchants;
import com.campaigns.workflows.model.CampaignPhase;
import com.campaigns.workflows.model.StatusRecord;
import com.campaigns.workflows.rules.ShanghaiTime;
import com.fasterxml.jackson.databind.JsonNode;
import com.wechat.pay.java.service.cashcoupons.model.CouponRule;
import com.wechat.pay.java.service.cashcoupons.model.CreateCouponStockRequest;
import com.wechat.pay.java.service.cashcoupons.model.FixedValueStockMsg;
import com.wechat.pay.java.service.cashcoupons.model.SendCouponRequest;
import com.wechat.pay.java.service.cashcoupons.model.SetCallbackRequest;
import com.wechat.pay.java.service.cashcoupons.model.StartStockRequest;
import com.wechat.pay.java.service.cashcoupons.model.StockRule;
import io.temporal.testing.TestWorkflowEnvironment;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Real COUPON.USE notifications, signed and encrypted by the sandbox, reach the receiver and are
 * recorded: for a merchant in public-key mode (1900000001) and one in platform-certificate mode
 * (1900000002).
 */
@StackTest
class SandboxNotificationIT {

  @LocalServerPort int port;
  @Autowired TestWorkflowEnvironment env;
  @Autowired WechatMerchants merchants;
  @Autowired CampaignIndex index;
  @Autowired CouponUses uses;

  @ParameterizedTest
  @ValueSource(strings = {"1900000001", "1900000002"})
  void redeemedCouponsAreVerifiedDecryptedAndRecordedOnce(String mchid) {
    MerchantClient merchant = merchants.find(mchid).orElseThrow();
    String appid = merchant.appids().iterator().next();
    SetCallbackRequest callback = new SetCallbackRequest();
    callback.setMchid(mchid);
    callback.setNotifyUrl("http://127.0.0.1:" + port + "/wechatpay/notifications/coupon");
    merchant.coupons().setCallback(callback);

    Instant begin = Instant.ofEpochMilli(env.currentTimeMillis()).plus(Duration.ofMinutes(1));
    String stockId = merchant.coupons().createCouponStock(stock(mchid, begin)).getStockId();
    String campaignId = "sandbox-" + mchid;
    index.insert(campaignId, "campaign-" + campaignId, mchid, appid, "h", "{}", 300_000, "test");
    index.update(
        new StatusRecord(
            campaignId, mchid, stockId, CampaignPhase.RUNNING, 0, 0, 0, 300_000, null));
    env.sleep(Duration.ofMinutes(2));
    StartStockRequest start = new StartStockRequest();
    start.setStockId(stockId);
    start.setStockCreatorMchid(mchid);
    merchant.coupons().startStock(start);
    for (int i = 0; i < 3; i++) {
      SendCouponRequest send = new SendCouponRequest();
      send.setStockId(stockId);
      send.setStockCreatorMchid(mchid);
      send.setAppid(appid);
      send.setOpenid("n-" + mchid + "-" + i);
      send.setOutRequestNo(mchid + "-n-" + UUID.randomUUID().toString().replace("-", ""));
      merchant.coupons().sendCoupon(send);
    }

    JsonNode redeemed =
        new ApiClient(TestSandbox.get().baseUrl())
            .postJson("/sandbox/stocks/" + stockId + "/redeem", Map.of("count", 2))
            .json();

    assertThat(redeemed.path("count").asInt()).isEqualTo(2);
    await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(
            () -> assertThat(uses.totals(campaignId)).isEqualTo(new CouponUses.Totals(2, 1000)));
    for (JsonNode couponId : redeemed.path("coupon_ids")) {
      CouponUses.Use use = uses.byCoupon(couponId.asText()).orElseThrow();
      assertThat(use.stockId()).isEqualTo(stockId);
      assertThat(use.notificationId()).startsWith("EV-");
      assertThat(use.consumeTime()).isNotBlank();
    }
    List<JsonNode> deliveries = deliveriesOf(redeemed);
    assertThat(deliveries)
        .hasSize(2)
        .allSatisfy(
            d -> {
              assertThat(d.path("delivered").asBoolean()).isTrue();
              assertThat(d.path("last_status").asInt()).isEqualTo(204);
              assertThat(d.path("attempts").asInt()).isEqualTo(1);
            });
  }

  private static List<JsonNode> deliveriesOf(JsonNode redeemed) {
    List<String> ids = new java.util.ArrayList<>();
    redeemed.path("coupon_ids").forEach(c -> ids.add(c.asText()));
    List<JsonNode> out = new java.util.ArrayList<>();
    new ApiClient(TestSandbox.get().baseUrl())
        .get("/sandbox/notifications")
        .json()
        .forEach(
            d -> {
              if (ids.contains(d.path("coupon_id").asText())) {
                out.add(d);
              }
            });
    return out;
  }

  private static CreateCouponStockRequest stock(String mchid, Instant begin) {
    StockRule rule = new StockRule();
    rule.setMaxCoupons(600L);
    rule.setMaxAmount(300_000L);
    rule.setMaxCouponsPerUser(1);
    rule.setNaturalPersonLimit(false);
    rule.setPreventApiAbuse(false);
    FixedValueStockMsg fixed = new FixedValueStockMsg();
    fixed.setCouponAmount(500L);
    fixed.setTransactionMinimum(1000L);
    CouponRule couponRule = new CouponRule();
    couponRule.setFixedNormalCoupon(fixed);
    couponRule.setAvailableMerchants(List.of(mchid));
    CreateCouponStockRequest r = new CreateCouponStockRequest();
    r.setStockName("notify test");
    r.setBelongMerchant(mchid);
    r.setAvailableBeginTime(ShanghaiTime.rfc3339(begin));
    r.setAvailableEndTime(ShanghaiTime.rfc3339(begin.plus(Duration.ofDays(1))));
    r.setStockUseRule(rule);
    r.setCouponUseRule(couponRule);
    r.setNoCash(false);
    r.setStockType("NORMAL");
    r.setOutRequestNo(mchid + "-stock-" + UUID.randomUUID().toString().replace("-", ""));
    return r;
  }
}
