package com.campaigns.activities.stock;

import com.campaigns.wechatpay.MerchantClient;
import com.wechat.pay.java.service.cashcoupons.model.CreateCouponStockRequest;
import com.wechat.pay.java.service.cashcoupons.model.ListStocksRequest;
import com.wechat.pay.java.service.cashcoupons.model.Stock;
import com.wechat.pay.java.service.cashcoupons.model.StockUseRule;
import io.temporal.failure.ApplicationFailure;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Finds the stock an earlier try of the same create made, when WeChat Pay refuses the repeated
 * create instead of answering the first stock (what it does is undocumented: docs/sandbox.md). The
 * stock list has no {@code out_request_no}, so the merchant's stocks created lately are matched on
 * every term the request set; exactly one match is ours, several are reported, none means the
 * refusal stands.
 */
public final class CreatedStockLookup {

  /** How far back stocks are listed: a retried create is minutes old, a reset workflow's days. */
  static final int DAYS_BACK = 7;

  /** Pages of 10 (WeChat Pay's largest) read at most: the merchant's 200 newest stocks. */
  static final int MAX_PAGES = 20;

  private CreatedStockLookup() {}

  public static Optional<Stock> find(
      MerchantClient client, CreateCouponStockRequest sent, Instant now) {
    List<Stock> matches = new ArrayList<>();
    for (int page = 0; page < MAX_PAGES; page++) {
      ListStocksRequest list = new ListStocksRequest();
      list.setStockCreatorMchid(client.mchid());
      list.setOffset(page * 10);
      list.setLimit(10);
      list.setCreateStartTime(
          OffsetDateTime.ofInstant(
                  now.minus(DAYS_BACK, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS),
                  ZoneOffset.ofHours(8))
              .toString());
      var answer = StockActivitiesImpl.call("list stocks", () -> client.coupons().listStocks(list));
      List<Stock> data = answer.getData() == null ? List.of() : answer.getData();
      data.stream().filter(s -> matches(s, sent)).forEach(matches::add);
      long total = answer.getTotalCount() == null ? 0 : answer.getTotalCount();
      if (data.isEmpty() || (long) (page + 1) * 10 >= total) {
        break;
      }
    }
    if (matches.size() > 1) {
      throw ApplicationFailure.newNonRetryableFailure(
          "WeChat Pay refused the repeated create of stock "
              + sent.getOutRequestNo()
              + " and "
              + matches.size()
              + " stocks match its terms ("
              + String.join(", ", matches.stream().map(Stock::getStockId).toList())
              + "): cannot tell which the first try made; check them in the merchant platform",
          "STOCK_AMBIGUOUS");
    }
    return matches.stream().findFirst();
  }

  static boolean matches(Stock s, CreateCouponStockRequest sent) {
    StockUseRule rule = s.getStockUseRule();
    return Objects.equals(s.getStockName(), sent.getStockName())
        && sameInstant(s.getAvailableBeginTime(), sent.getAvailableBeginTime())
        && sameInstant(s.getAvailableEndTime(), sent.getAvailableEndTime())
        && Objects.equals(s.getNoCash(), sent.getNoCash())
        && rule != null
        && Objects.equals(rule.getMaxCoupons(), sent.getStockUseRule().getMaxCoupons())
        && Objects.equals(rule.getMaxAmount(), sent.getStockUseRule().getMaxAmount())
        && rule.getFixedNormalCoupon() != null
        && Objects.equals(
            rule.getFixedNormalCoupon().getCouponAmount(),
            sent.getCouponUseRule().getFixedNormalCoupon().getCouponAmount())
        && Objects.equals(
            rule.getFixedNormalCoupon().getTransactionMinimum(),
            sent.getCouponUseRule().getFixedNormalCoupon().getTransactionMinimum());
  }

  /** The same moment to the second: WeChat Pay answers whole seconds, whatever was sent. */
  private static boolean sameInstant(String a, String b) {
    try {
      return a != null
          && b != null
          && OffsetDateTime.parse(a)
              .toInstant()
              .truncatedTo(ChronoUnit.SECONDS)
              .equals(OffsetDateTime.parse(b).toInstant().truncatedTo(ChronoUnit.SECONDS));
    } catch (DateTimeParseException e) {
      return false;
    }
  }
}
