package com.campaigns.sandbox.coupon;

import com.campaigns.sandbox.stock.Stock;
import java.time.Duration;
import java.time.Instant;

/**
 * One sent coupon. Kept small: a million of them must fit comfortably in a 1–2 GB heap. Status and
 * redemption fields change under the coupon's monitor.
 */
public final class Coupon {

  private final String id;
  private final Stock stock;
  private final String openid;
  private final String appid;
  private final String senderMchid;
  private final String outRequestNo;
  private final long createMillis;
  private CouponStatus status = CouponStatus.SENDED;
  private ConsumeInformation consumeInformation;
  private long transactionAmount;
  private boolean refunded;

  Coupon(
      String id,
      Stock stock,
      String openid,
      String appid,
      String senderMchid,
      String outRequestNo,
      Instant created) {
    this.id = id;
    this.stock = stock;
    this.openid = openid;
    this.appid = appid;
    this.senderMchid = senderMchid;
    this.outRequestNo = outRequestNo;
    this.createMillis = created.toEpochMilli();
  }

  public String id() {
    return id;
  }

  public Stock stock() {
    return stock;
  }

  public String openid() {
    return openid;
  }

  public String appid() {
    return appid;
  }

  public String senderMchid() {
    return senderMchid;
  }

  public String outRequestNo() {
    return outRequestNo;
  }

  public Instant createTime() {
    return Instant.ofEpochMilli(createMillis);
  }

  /** End of usability: the stock's end, or earlier when the stock limits minutes after receipt. */
  public Instant availableEnd() {
    Integer minutes = stock.terms().availableMinutesAfterReceive();
    Instant end = stock.terms().availableEnd();
    if (minutes == null) {
      return end;
    }
    Instant relative = createTime().plus(Duration.ofMinutes(minutes));
    return relative.isBefore(end) ? relative : end;
  }

  /** The status at {@code now}; an unused coupon past its end is EXPIRED. */
  public synchronized CouponStatus status(Instant now) {
    if (status == CouponStatus.SENDED && !now.isBefore(availableEnd())) {
      status = CouponStatus.EXPIRED;
    }
    return status;
  }

  public synchronized ConsumeInformation consumeInformation() {
    return consumeInformation;
  }

  public synchronized long transactionAmount() {
    return transactionAmount;
  }

  public synchronized boolean refunded() {
    return refunded;
  }

  synchronized boolean use(Instant now, ConsumeInformation consume, long amount) {
    if (status(now) != CouponStatus.SENDED) {
      return false;
    }
    status = CouponStatus.USED;
    consumeInformation = consume;
    transactionAmount = amount;
    return true;
  }

  synchronized boolean refund() {
    if (status != CouponStatus.USED || refunded) {
      return false;
    }
    refunded = true;
    return true;
  }
}
