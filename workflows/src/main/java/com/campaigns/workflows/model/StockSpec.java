package com.campaigns.workflows.model;

import java.util.List;

/**
 * The voucher stock (批次) to create. Mirrors the create-stock request of WeChat Pay for a NORMAL
 * (fixed face value) stock. Times are RFC 3339 strings as the marketer wrote them. The fields after
 * {@code stockType} are the rest of the coupon: its look ({@code pattern_info}) and the use rules
 * WeChat Pay enforces at payment ({@code coupon_use_rule}); all optional.
 */
@SnakeCaseNonNull
public record StockSpec(
    String stockName,
    String comment,
    String availableBeginTime,
    String availableEndTime,
    Long couponAmount,
    Long transactionMinimum,
    Long maxCoupons,
    Integer maxCouponsPerUser,
    Long maxAmount,
    Long maxAmountByDay,
    Boolean noCash,
    List<String> availableMerchants,
    Integer availableTimeAfterReceive,
    Boolean naturalPersonLimit,
    Boolean preventApiAbuse,
    String stockType,
    CouponPattern patternInfo,
    List<String> goodsTag,
    List<String> tradeType,
    Boolean combineUse,
    List<String> availableItems,
    FixAvailableTime fixAvailableTime,
    Boolean secondDayAvailable) {

  /** A stock without the optional look and use rules. */
  public StockSpec(
      String stockName,
      String comment,
      String availableBeginTime,
      String availableEndTime,
      Long couponAmount,
      Long transactionMinimum,
      Long maxCoupons,
      Integer maxCouponsPerUser,
      Long maxAmount,
      Long maxAmountByDay,
      Boolean noCash,
      List<String> availableMerchants,
      Integer availableTimeAfterReceive,
      Boolean naturalPersonLimit,
      Boolean preventApiAbuse,
      String stockType) {
    this(
        stockName,
        comment,
        availableBeginTime,
        availableEndTime,
        couponAmount,
        transactionMinimum,
        maxCoupons,
        maxCouponsPerUser,
        maxAmount,
        maxAmountByDay,
        noCash,
        availableMerchants,
        availableTimeAfterReceive,
        naturalPersonLimit,
        preventApiAbuse,
        stockType,
        null,
        null,
        null,
        null,
        null,
        null,
        null);
  }

  /** The total budget: given, or derived as WeChat Pay requires it (face value × count). */
  public long budget() {
    if (maxAmount != null) {
      return maxAmount;
    }
    return couponAmount == null || maxCoupons == null ? 0 : couponAmount * maxCoupons;
  }
}
