package com.campaigns.sandbox.stock;

import com.campaigns.sandbox.clock.BusinessClock;
import java.time.Instant;
import java.util.List;

/** The {@code Stock} JSON of query-stock and list-stocks. */
public record StockView(
    String stockId,
    String stockCreatorMchid,
    String stockName,
    String status,
    String createTime,
    String description,
    UseRule stockUseRule,
    String availableBeginTime,
    String availableEndTime,
    long distributedCoupons,
    boolean noCash,
    String startTime,
    String stopTime,
    boolean singleitem,
    String stockType) {

  record UseRule(
      long maxCoupons,
      long maxAmount,
      Long maxAmountByDay,
      FixedNormalCoupon fixedNormalCoupon,
      int maxCouponsPerUser,
      String couponType,
      List<String> goodsTag,
      List<String> tradeType,
      Boolean combineUse,
      boolean naturalPersonLimit,
      boolean preventApiAbuse) {}

  /** {@code {coupon_amount, transaction_minimum}}, shared with coupon views. */
  public record FixedNormalCoupon(long couponAmount, long transactionMinimum) {}

  static StockView of(Stock stock, Instant now) {
    StockTerms t = stock.terms();
    String status = stock.status(now).wire();
    return new StockView(
        stock.id(),
        stock.creatorMchid(),
        t.stockName(),
        status,
        BusinessClock.format(stock.createTime()),
        t.comment() == null ? "" : t.comment(),
        new UseRule(
            t.maxCoupons(),
            t.maxAmount(),
            t.maxAmountByDay(),
            new FixedNormalCoupon(t.couponAmount(), t.transactionMinimum()),
            t.maxCouponsPerUser(),
            "NORMAL",
            t.goodsTag().isEmpty() ? null : t.goodsTag(),
            t.tradeType().isEmpty() ? null : t.tradeType(),
            t.combineUse(),
            t.naturalPersonLimit(),
            t.preventApiAbuse()),
        BusinessClock.format(t.availableBegin()),
        BusinessClock.format(t.availableEnd()),
        stock.distributedCoupons(),
        t.noCash(),
        BusinessClock.format(stock.startTime()),
        BusinessClock.format(stock.stopTime()),
        !t.availableItems().isEmpty(),
        t.stockType());
  }
}
