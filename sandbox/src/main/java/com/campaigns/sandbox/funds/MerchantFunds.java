package com.campaigns.sandbox.funds;

import com.campaigns.sandbox.coupon.CouponStatus;
import com.campaigns.sandbox.coupon.Coupons;
import com.campaigns.sandbox.stock.ActivationFunds;
import com.campaigns.sandbox.stock.Stock;
import com.campaigns.sandbox.stock.Stocks;
import com.campaigns.sandbox.unconfirmed.Unconfirmed;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.springframework.stereotype.Service;

/**
 * Each merchant's balance for pre-funded stocks. A merchant without a balance set has unlimited
 * funds (the default, so campaigns need no setup). With one set, an activated pre-funded stock
 * locks its {@code max_amount} until it ends; then only what its used coupons cost stays spent and
 * the rest is free again. Derived from the stocks on every read, so nothing can drift.
 */
@Service
public class MerchantFunds implements ActivationFunds {

  private final Stocks stocks;
  private final Coupons coupons;
  private final Unconfirmed unconfirmed;
  private final Map<String, Long> deposits = new HashMap<>();

  public MerchantFunds(Stocks stocks, Coupons coupons, Unconfirmed unconfirmed) {
    this.stocks = stocks;
    this.coupons = coupons;
    this.unconfirmed = unconfirmed;
  }

  /** What the merchant has paid in, in fen; replaces an earlier amount. */
  public synchronized void deposit(String mchid, long fen) {
    deposits.put(mchid, fen);
  }

  /** Back to unlimited funds. */
  public synchronized void unlimited(String mchid) {
    deposits.remove(mchid);
  }

  /**
   * The merchant's balance at {@code now}; {@code deposit} and {@code available} null: unlimited.
   */
  public synchronized Balance balance(String mchid, Instant now) {
    long locked = 0;
    long spent = 0;
    for (Stock stock : stocks.all()) {
      if (!stock.creatorMchid().equals(mchid)
          || stock.terms().noCash()
          || stock.startTime() == null) {
        continue;
      }
      if (stock.endedAt(now) == null) {
        locked += stock.terms().maxAmount();
      } else {
        spent += usedAmount(stock, now);
      }
    }
    Long deposit = deposits.get(mchid);
    return new Balance(
        mchid, deposit, locked, spent, deposit == null ? null : deposit - locked - spent);
  }

  private long usedAmount(Stock stock, Instant now) {
    return coupons.ofStock(stock.id()).stream()
            .filter(c -> c.status(now) == CouponStatus.USED && !c.refunded())
            .count()
        * stock.terms().couponAmount();
  }

  @Override
  public synchronized void check(Stock stock, Instant now) {
    if (!deposits.containsKey(stock.creatorMchid())) {
      return; // unlimited: no need to add up the merchant's stocks
    }
    Balance balance = balance(stock.creatorMchid(), now);
    if (balance.available() != null && balance.available() < stock.terms().maxAmount()) {
      throw unconfirmed.activationShortOfFunds().refusal();
    }
  }

  /**
   * @param deposit fen paid in; null: unlimited
   * @param locked budgets of running or paused pre-funded stocks
   * @param spent used coupons of ended pre-funded stocks
   * @param available deposit − locked − spent; null: unlimited
   */
  @JsonInclude(JsonInclude.Include.ALWAYS)
  public record Balance(String mchid, Long deposit, long locked, long spent, Long available) {}
}
