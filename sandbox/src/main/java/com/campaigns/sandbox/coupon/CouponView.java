package com.campaigns.sandbox.coupon;

import com.campaigns.sandbox.clock.BusinessClock;
import com.campaigns.sandbox.stock.StockTerms;
import com.campaigns.sandbox.stock.StockView;
import java.time.Instant;

/** The coupon JSON of query-coupon, the user's coupon list and the COUPON.USE payload. */
public record CouponView(
    String stockCreatorMchid,
    String stockId,
    String couponId,
    String couponName,
    String status,
    String description,
    String createTime,
    String couponType,
    boolean noCash,
    String availableBeginTime,
    String availableEndTime,
    boolean singleitem,
    StockView.FixedNormalCoupon normalCouponInformation,
    ConsumeInformation consumeInformation) {

  static CouponView of(Coupon coupon, Instant now) {
    StockTerms t = coupon.stock().terms();
    return new CouponView(
        coupon.stock().creatorMchid(),
        coupon.stock().id(),
        coupon.id(),
        t.stockName(),
        coupon.status(now).name(),
        t.comment() == null ? "" : t.comment(),
        BusinessClock.format(coupon.createTime()),
        "NORMAL",
        t.noCash(),
        BusinessClock.format(t.availableBegin()),
        BusinessClock.format(coupon.availableEnd()),
        !t.availableItems().isEmpty(),
        new StockView.FixedNormalCoupon(t.couponAmount(), t.transactionMinimum()),
        coupon.consumeInformation());
  }
}
