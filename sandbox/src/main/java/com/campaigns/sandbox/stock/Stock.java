package com.campaigns.sandbox.stock;

import java.time.Instant;
import java.time.LocalDate;
import java.util.EnumMap;
import java.util.Map;

/**
 * One stock (批次). Its terms never change; its state and budget counters change under the stock's
 * own monitor ({@code synchronized (stock)}), so issuance locks per stock, never globally.
 *
 * <p>The end of the available window is applied lazily: whoever looks at the stock after {@code
 * available_end_time} (business clock) sees it {@code stoped}.
 */
public final class Stock {

  private final String id;
  private final String creatorMchid;
  private final StockTerms terms;
  private final Instant createTime;

  private StockStatus status = StockStatus.UNACTIVATED;
  private final Map<StockMove, Instant> moved = new EnumMap<>(StockMove.class);
  private long distributedCoupons;
  private long distributedAmount;
  private LocalDate day;
  private long dayAmount;

  Stock(String id, String creatorMchid, StockTerms terms, Instant createTime) {
    this.id = id;
    this.creatorMchid = creatorMchid;
    this.terms = terms;
    this.createTime = createTime;
  }

  public String id() {
    return id;
  }

  public String creatorMchid() {
    return creatorMchid;
  }

  public StockTerms terms() {
    return terms;
  }

  public Instant createTime() {
    return createTime;
  }

  /** The status at {@code now}, stopping the stock first if its window has ended. */
  public synchronized StockStatus status(Instant now) {
    if (status != StockStatus.STOPED && !now.isBefore(terms.availableEnd())) {
      status = StockStatus.STOPED;
      moved.put(StockMove.STOP, terms.availableEnd());
    }
    return status;
  }

  /** Whether coupons may be sent now: running and inside the available window. */
  public synchronized boolean issuable(Instant now) {
    return status(now) == StockStatus.RUNNING && !now.isBefore(terms.availableBegin());
  }

  /** Budget left for one more coupon, by count and amount. */
  public synchronized boolean budgetAllowsOne() {
    return distributedCoupons < terms.maxCoupons()
        && distributedAmount + terms.couponAmount() <= terms.maxAmount();
  }

  /**
   * Whether one more coupon stays within {@code max_amount_by_day} on {@code today}
   * (Asia/Shanghai).
   */
  public synchronized boolean dayAllowsOne(LocalDate today) {
    Long limit = terms.maxAmountByDay();
    long spent = today.equals(day) ? dayAmount : 0;
    return limit == null || spent + terms.couponAmount() <= limit;
  }

  /** Counts one sent coupon; the caller holds the monitor and has checked the limits. */
  public synchronized void countOne(LocalDate today) {
    distributedCoupons++;
    distributedAmount += terms.couponAmount();
    if (!today.equals(day)) {
      day = today;
      dayAmount = 0;
    }
    dayAmount += terms.couponAmount();
  }

  public synchronized long distributedCoupons() {
    return distributedCoupons;
  }

  public synchronized Instant startTime() {
    return movedAt(StockMove.START);
  }

  public synchronized Instant stopTime() {
    return movedAt(StockMove.STOP);
  }

  /** When the stock last made {@code move}; null if it never did. */
  synchronized Instant movedAt(StockMove move) {
    return moved.get(move);
  }

  /**
   * When the stock ended: the stop time or the end of its window, whichever is earlier; null if not
   * ended.
   */
  public synchronized Instant endedAt(Instant now) {
    return status(now) == StockStatus.STOPED ? stopTime() : null;
  }

  /**
   * Makes {@code move} at {@code now}; the caller holds the monitor and has checked the move is
   * legal.
   */
  synchronized void make(StockMove move, Instant now) {
    status = move.to();
    moved.put(move, now);
  }
}
