package com.campaigns.sandbox.stock;

import java.time.Instant;
import java.time.LocalDate;

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
  private Instant startTime;
  private Instant pauseTime;
  private Instant restartTime;
  private Instant stopTime;
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
      stopTime = terms.availableEnd();
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
    return startTime;
  }

  public synchronized Instant pauseTime() {
    return pauseTime;
  }

  public synchronized Instant restartTime() {
    return restartTime;
  }

  public synchronized Instant stopTime() {
    return stopTime;
  }

  /**
   * When the stock ended: the stop time or the end of its window, whichever is earlier; null if not
   * ended.
   */
  public synchronized Instant endedAt(Instant now) {
    return status(now) == StockStatus.STOPED ? stopTime : null;
  }

  synchronized void start(Instant now) {
    status = StockStatus.RUNNING;
    startTime = now;
  }

  synchronized void pause(Instant now) {
    status = StockStatus.PAUSED;
    pauseTime = now;
  }

  synchronized void restart(Instant now) {
    status = StockStatus.RUNNING;
    restartTime = now;
  }

  synchronized void stop(Instant now) {
    status = StockStatus.STOPED;
    stopTime = now;
  }
}
