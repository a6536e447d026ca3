package com.campaigns.workflows.model;

import java.util.List;

/**
 * The voucher stock (批次) to create. Mirrors the create-stock request of WeChat Pay for a NORMAL
 * (fixed face value) stock. Times are RFC 3339 strings as the marketer wrote them.
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
    String stockType) {

  /** The total budget: given, or derived as WeChat Pay requires it (face value × count). */
  public long budget() {
    if (maxAmount != null) {
      return maxAmount;
    }
    return couponAmount == null || maxCoupons == null ? 0 : couponAmount * maxCoupons;
  }
}
