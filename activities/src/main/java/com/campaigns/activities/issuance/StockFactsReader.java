package com.campaigns.activities.issuance;

import com.campaigns.activities.issuance.SendRetries.FactsRead;
import com.campaigns.wechatpay.StockFacts;
import com.campaigns.wechatpay.WechatError;
import com.campaigns.wechatpay.WechatErrorClassifier;
import com.wechat.pay.java.service.cashcoupons.model.Stock;
import java.time.Duration;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * Reads a segment's stock when an answer needs its facts: WeChat Pay's QueryStock and the ledger's
 * amount issued today. A read is kept for {@code maxAge}, so a burst of refusals on the sender
 * threads reads the stock once (the others wait for that read), and a send retried after the max
 * age sees the stock afresh. A failed read is kept as well: a throttled stock query is not repeated
 * by every sender.
 */
final class StockFactsReader {

  private final Supplier<Stock> queryStock;
  private final Runnable recordAnswers;
  private final LongSupplier issuedAmountToday;
  private final long couponAmount;
  private final long maxAgeNanos;
  private FactsRead last;
  private long readAtNanos;

  /**
   * @param recordAnswers writes the segment's queued answers first, so today's amount includes them
   * @param couponAmount the face value when WeChat Pay's answer does not carry it
   */
  StockFactsReader(
      Supplier<Stock> queryStock,
      Runnable recordAnswers,
      LongSupplier issuedAmountToday,
      long couponAmount,
      Duration maxAge) {
    this.queryStock = queryStock;
    this.recordAnswers = recordAnswers;
    this.issuedAmountToday = issuedAmountToday;
    this.couponAmount = couponAmount;
    this.maxAgeNanos = maxAge.toNanos();
  }

  synchronized FactsRead read() {
    if (last == null || System.nanoTime() - readAtNanos >= maxAgeNanos) {
      last = fresh();
      readAtNanos = System.nanoTime();
    }
    return last;
  }

  private FactsRead fresh() {
    Stock stock;
    try {
      stock = queryStock.get();
    } catch (RuntimeException e) {
      return new FactsRead(null, WechatErrorClassifier.classify(e));
    }
    try {
      recordAnswers.run();
      return new FactsRead(StockFacts.of(stock, couponAmount, issuedAmountToday.getAsLong()), null);
    } catch (RuntimeException e) {
      return new FactsRead(
          null, new WechatError(WechatError.Kind.TRANSIENT, 0, "LEDGER_UNAVAILABLE", e.toString()));
    }
  }
}
