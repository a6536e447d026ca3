package com.campaigns.wechatpay;

import com.wechat.pay.java.service.cashcoupons.model.Stock;
import com.wechat.pay.java.service.cashcoupons.model.StockUseRule;

/**
 * What is known about a stock when WeChat Pay answers with a code that does not say whether the
 * stock, the call rate or the recipient is meant ({@link WechatError.Kind#readsStock()}): WeChat
 * Pay's own view of the stock (QueryStock) and the amount the ledger holds as issued from it today
 * (Asia/Shanghai). {@link #finding()} decides from these facts alone; the answer's message never
 * does.
 *
 * @param status WeChat Pay's status ({@code running}, {@code paused}, {@code stoped}, …)
 * @param maxCoupons {@code stock_use_rule.max_coupons}; {@link Long#MAX_VALUE} when not given
 * @param maxAmountByDay {@code stock_use_rule.max_amount_by_day}; null for no daily cap
 * @param issuedAmountToday face value the ledger holds as issued from the stock today
 */
public record StockFacts(
    String stockId,
    String status,
    long maxCoupons,
    long distributedCoupons,
    long couponAmount,
    Long maxAmountByDay,
    long issuedAmountToday) {

  /** What the facts say about the stock, most decisive first. */
  public enum Finding {
    /** {@code distributed_coupons} has reached {@code max_coupons}: the budget is spent. */
    BUDGET_EXHAUSTED,
    /** Not {@code running}: paused or stopped outside the product, not activated, ended. */
    NOT_RUNNING,
    /** Today's issued amount leaves no room for one more coupon under {@code max_amount_by_day}. */
    DAILY_CAP_REACHED,
    /** Running, with budget and room today: the refusal is not about the stock. */
    ISSUABLE
  }

  public static final String RUNNING = "running";

  /** The facts of a queried stock; {@code couponAmount} when the answer does not carry it. */
  public static StockFacts of(Stock stock, long couponAmount, long issuedAmountToday) {
    StockUseRule rule = stock.getStockUseRule();
    Long maxCoupons = rule == null ? null : rule.getMaxCoupons();
    Long amount =
        rule == null || rule.getFixedNormalCoupon() == null
            ? null
            : rule.getFixedNormalCoupon().getCouponAmount();
    return new StockFacts(
        stock.getStockId(),
        stock.getStatus(),
        maxCoupons == null ? Long.MAX_VALUE : maxCoupons,
        stock.getDistributedCoupons() == null ? 0 : stock.getDistributedCoupons(),
        amount == null ? couponAmount : amount,
        rule == null ? null : rule.getMaxAmountByDay(),
        issuedAmountToday);
  }

  public Finding finding() {
    // Budget first: a stock WeChat Pay stops because its budget is spent must not read as paused.
    if (distributedCoupons >= maxCoupons) {
      return Finding.BUDGET_EXHAUSTED;
    }
    if (!RUNNING.equals(status)) {
      return Finding.NOT_RUNNING;
    }
    if (maxAmountByDay != null && issuedAmountToday + couponAmount > maxAmountByDay) {
      return Finding.DAILY_CAP_REACHED;
    }
    return Finding.ISSUABLE;
  }

  /** The facts behind {@link #finding()}, for stop reasons, logs and the console. */
  public String explain() {
    return switch (finding()) {
      case BUDGET_EXHAUSTED ->
          "stock "
              + stockId
              + " has distributed "
              + distributedCoupons
              + " of its "
              + maxCoupons
              + " coupons";
      case NOT_RUNNING -> "stock " + stockId + " is " + status;
      case DAILY_CAP_REACHED ->
          issuedAmountToday + " of max_amount_by_day " + maxAmountByDay + " fen issued today";
      case ISSUABLE ->
          "stock "
              + stockId
              + " is running, "
              + distributedCoupons
              + " of "
              + (maxCoupons == Long.MAX_VALUE ? "?" : maxCoupons)
              + " coupons distributed"
              + (maxAmountByDay == null
                  ? ""
                  : ", " + issuedAmountToday + " of " + maxAmountByDay + " fen issued today");
    };
  }
}
