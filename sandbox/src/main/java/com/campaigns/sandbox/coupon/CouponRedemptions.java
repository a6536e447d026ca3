package com.campaigns.sandbox.coupon;

import com.campaigns.sandbox.clock.BusinessClock;
import com.campaigns.sandbox.crypto.Nonces;
import com.campaigns.sandbox.flow.FlowLedger;
import com.campaigns.sandbox.flow.RefundRow;
import com.campaigns.sandbox.flow.UseRow;
import com.campaigns.sandbox.merchant.Merchant;
import com.campaigns.sandbox.merchant.Merchants;
import com.campaigns.sandbox.notify.CouponUseNotifier;
import com.campaigns.sandbox.protocol.Rejected;
import com.campaigns.sandbox.stock.Stock;
import com.campaigns.sandbox.stock.StockTerms;
import com.campaigns.sandbox.stock.Stocks;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.springframework.stereotype.Service;

/**
 * The sandbox-only side of coupons, which WeChat Pay does on its own: redeeming them (use-flow rows
 * and COUPON.USE notifications) and refunding used ones (refund-flow rows).
 */
@Service
public class CouponRedemptions {

  private final Coupons coupons;
  private final Stocks stocks;
  private final Merchants merchants;
  private final BusinessClock clock;
  private final FlowLedger flows;
  private final CouponUseNotifier notifier;

  public CouponRedemptions(
      Coupons coupons,
      Stocks stocks,
      Merchants merchants,
      BusinessClock clock,
      FlowLedger flows,
      CouponUseNotifier notifier) {
    this.coupons = coupons;
    this.stocks = stocks;
    this.merchants = merchants;
    this.clock = clock;
    this.flows = flows;
    this.notifier = notifier;
  }

  /**
   * Marks SENDED coupons of the stock USED (the first {@code count} in send order, or the listed
   * ones), records use-flow rows and queues COUPON.USE notifications.
   *
   * @param transactionAmount order amount in fen; default the stock's transaction_minimum
   * @return the coupons redeemed
   */
  public List<String> redeem(
      String stockId,
      Integer count,
      List<String> couponIds,
      Long transactionAmount,
      String tradeType,
      String goodsTag) {
    Stock stock = stocks.get(stockId);
    Instant now = clock.now();
    long amount =
        transactionAmount == null ? stock.terms().transactionMinimum() : transactionAmount;
    checkUsable(stock, amount, tradeType, goodsTag);
    List<Coupon> candidates;
    if (couponIds != null && !couponIds.isEmpty()) {
      candidates = new ArrayList<>();
      for (String id : couponIds) {
        Coupon c = coupons.find(id);
        if (c == null || c.stock() != stock) {
          throw new Rejected(404, "RESOURCE_NOT_EXISTS", "券不存在: " + id);
        }
        candidates.add(c);
      }
    } else {
      candidates = coupons.ofStock(stockId);
    }
    int wanted = count == null ? candidates.size() : count;
    String consumeMchid = stock.terms().availableMerchants().get(0);
    Merchant creator = merchants.find(stock.creatorMchid()).orElseThrow();
    List<String> redeemed = new ArrayList<>();
    for (Coupon coupon : candidates) {
      if (redeemed.size() >= wanted) {
        break;
      }
      String transactionId = "42000" + Nonces.digits(23);
      var goods =
          List.of(
              new ConsumeInformation.GoodsDetail(
                  "sandbox-goods", 1, amount, stock.terms().couponAmount()));
      ConsumeInformation consume =
          new ConsumeInformation(BusinessClock.format(now), consumeMchid, transactionId, goods);
      if (!coupon.use(now, consume, amount)) {
        continue;
      }
      redeemed.add(coupon.id());
      flows.recordUse(useRow(coupon));
      notifier.couponUsed(creator, coupon.id(), CouponView.of(coupon, now));
    }
    return redeemed;
  }

  /**
   * WeChat Pay applies a coupon to a payment only when the payment meets the stock's use rules: an
   * order of at least {@code transaction_minimum}, one of its {@code trade_type}s and {@code
   * goods_tag}s when it has them. A payment that does not qualify uses no coupon: refused here, so
   * a test sees why. Unnamed trade type or goods tag: the payment has the stock's first one.
   */
  private static void checkUsable(Stock stock, long amount, String tradeType, String goodsTag) {
    var terms = stock.terms();
    if (amount < terms.transactionMinimum()) {
      throw new Rejected(
          400,
          "PARAM_ERROR",
          "订单金额未达到使用门槛: transaction_amount "
              + amount
              + " < transaction_minimum "
              + terms.transactionMinimum());
    }
    if (tradeType != null
        && !terms.tradeType().isEmpty()
        && !terms.tradeType().contains(tradeType)) {
      throw new Rejected(
          400,
          "PARAM_ERROR",
          "支付方式不可用此券: trade_type " + tradeType + " not in " + terms.tradeType());
    }
    if (goodsTag != null && !terms.goodsTag().isEmpty() && !terms.goodsTag().contains(goodsTag)) {
      throw new Rejected(
          400, "PARAM_ERROR", "订单优惠标记不符: goods_tag " + goodsTag + " not in " + terms.goodsTag());
    }
  }

  /** The stock's coupons in send order (a copy); 404 RESOURCE_NOT_EXISTS for an unknown stock. */
  public List<Coupon> issued(String stockId) {
    stocks.get(stockId);
    return coupons.ofStock(stockId);
  }

  /**
   * Refunds the first {@code count} used, not yet refunded coupons of the stock (refund-flow rows).
   */
  public List<String> refund(String stockId, int count) {
    List<Coupon> issued = issued(stockId);
    Instant now = clock.now();
    List<String> refunded = new ArrayList<>();
    for (Coupon coupon : issued) {
      if (refunded.size() >= count) {
        break;
      }
      if (coupon.refund()) {
        refunded.add(coupon.id());
        flows.recordRefund(
            new RefundRow(
                useRow(coupon), "50300" + Nonces.digits(23), now, coupon.transactionAmount()));
      }
    }
    return refunded;
  }

  private static UseRow useRow(Coupon coupon) {
    ConsumeInformation consume = Objects.requireNonNull(coupon.consumeInformation());
    StockTerms terms = coupon.stock().terms();
    return new UseRow(
        coupon.stock().id(),
        coupon.id(),
        terms.availableItems().isEmpty() ? "全场代金券" : "单品代金券",
        terms.couponAmount(),
        coupon.transactionAmount(),
        consume.transactionId(),
        java.time.OffsetDateTime.parse(consume.consumeTime()).toInstant(),
        consume.consumeMchid(),
        "",
        "",
        "");
  }
}
