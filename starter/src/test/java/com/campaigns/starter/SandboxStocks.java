package com.campaigns.starter;

import com.campaigns.wechatpay.MerchantClient;
import com.campaigns.workflows.rules.ShanghaiTime;
import com.wechat.pay.java.service.cashcoupons.model.CouponRule;
import com.wechat.pay.java.service.cashcoupons.model.CreateCouponStockRequest;
import com.wechat.pay.java.service.cashcoupons.model.FixedValueStockMsg;
import com.wechat.pay.java.service.cashcoupons.model.SendCouponRequest;
import com.wechat.pay.java.service.cashcoupons.model.SetCallbackRequest;
import com.wechat.pay.java.service.cashcoupons.model.StartStockRequest;
import com.wechat.pay.java.service.cashcoupons.model.StockRule;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Calls WeChat Pay (the sandbox) directly with a merchant's SDK client, outside any campaign: what
 * a merchant's other systems, or a person at the merchant console, might do to the same stock.
 */
public final class SandboxStocks {

  private SandboxStocks() {}

  /** A NORMAL stock of 5-yuan coupons (threshold 10), available from {@code begin} for a day. */
  public static String create(
      MerchantClient merchant,
      Instant begin,
      int perUser,
      List<String> availableMerchants,
      List<String> availableItems) {
    StockRule rule = new StockRule();
    rule.setMaxCoupons(1000L);
    rule.setMaxAmount(500_000L);
    rule.setMaxCouponsPerUser(perUser);
    rule.setNaturalPersonLimit(false);
    rule.setPreventApiAbuse(false);
    FixedValueStockMsg fixed = new FixedValueStockMsg();
    fixed.setCouponAmount(500L);
    fixed.setTransactionMinimum(1000L);
    CouponRule couponRule = new CouponRule();
    couponRule.setFixedNormalCoupon(fixed);
    couponRule.setAvailableMerchants(availableMerchants);
    if (!availableItems.isEmpty()) {
      couponRule.setAvailableItems(availableItems);
    }
    CreateCouponStockRequest r = new CreateCouponStockRequest();
    r.setStockName("support test");
    r.setBelongMerchant(merchant.mchid());
    r.setAvailableBeginTime(ShanghaiTime.rfc3339(begin));
    r.setAvailableEndTime(ShanghaiTime.rfc3339(begin.plus(Duration.ofDays(1))));
    r.setStockUseRule(rule);
    r.setCouponUseRule(couponRule);
    r.setNoCash(false);
    r.setStockType("NORMAL");
    r.setOutRequestNo(merchant.mchid() + "-stock-" + uuid());
    return merchant.coupons().createCouponStock(r).getStockId();
  }

  public static void start(MerchantClient merchant, String stockId) {
    StartStockRequest start = new StartStockRequest();
    start.setStockId(stockId);
    start.setStockCreatorMchid(merchant.mchid());
    merchant.coupons().startStock(start);
  }

  /** Sends {@code n} coupons of the stock to the openid; returns their ids in send order. */
  public static List<String> send(MerchantClient merchant, String stockId, String openid, int n) {
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      SendCouponRequest send = new SendCouponRequest();
      send.setStockId(stockId);
      send.setStockCreatorMchid(merchant.mchid());
      send.setAppid(merchant.appids().iterator().next());
      send.setOpenid(openid);
      send.setOutRequestNo(merchant.mchid() + "-x-" + uuid());
      ids.add(merchant.coupons().sendCoupon(send).getCouponId());
    }
    return ids;
  }

  /** Points the merchant's COUPON.USE notifications at a URL (any, the SDK does not check it). */
  public static void callback(MerchantClient merchant, String notifyUrl) {
    SetCallbackRequest callback = new SetCallbackRequest();
    callback.setMchid(merchant.mchid());
    callback.setNotifyUrl(notifyUrl);
    merchant.coupons().setCallback(callback);
  }

  private static String uuid() {
    return UUID.randomUUID().toString().replace("-", "");
  }
}
