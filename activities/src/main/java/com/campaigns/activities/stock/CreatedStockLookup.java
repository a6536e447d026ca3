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
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

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

  /** WeChat Pay's largest page of the stock list. */
  static final int PAGE_SIZE = 10;

  /** Pages read at most: the merchant's 200 newest stocks. */
  static final int MAX_PAGES = 20;

  private CreatedStockLookup() {}

  public static Optional<Stock> find(
      MerchantClient client, CreateCouponStockRequest sent, Instant now) {
    List<Stock> matches = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    ListAnswer first = page(client, now, 0);
    first.data().forEach(s -> collect(s, sent, seen, matches));
    if (first.data().size() < first.total()) {
      // Whether offset counts rows or pages is not documented: the second request tells. By rows,
      // offset 1 starts with the first page's second stock; by pages it is the next ten.
      ListAnswer probe = page(client, now, 1);
      boolean rows =
          first.data().size() > 1
              && !probe.data().isEmpty()
              && probe.data().get(0).getStockId().equals(first.data().get(1).getStockId());
      probe.data().forEach(s -> collect(s, sent, seen, matches));
      for (int page = rows ? 1 : 2; page < MAX_PAGES && seen.size() < first.total(); page++) {
        ListAnswer next = page(client, now, rows ? page * PAGE_SIZE : page);
        if (next.data().isEmpty()) {
          break;
        }
        next.data().forEach(s -> collect(s, sent, seen, matches));
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

  private record ListAnswer(List<Stock> data, long total) {}

  private static ListAnswer page(MerchantClient client, Instant now, int offset) {
    ListStocksRequest list = new ListStocksRequest();
    list.setStockCreatorMchid(client.mchid());
    list.setOffset(offset);
    list.setLimit(PAGE_SIZE);
    list.setCreateStartTime(
        OffsetDateTime.ofInstant(
                now.minus(DAYS_BACK, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS),
                ZoneOffset.ofHours(8))
            .toString());
    var answer = StockActivitiesImpl.call("list stocks", () -> client.coupons().listStocks(list));
    return new ListAnswer(
        answer.getData() == null ? List.of() : answer.getData(),
        answer.getTotalCount() == null ? 0 : answer.getTotalCount());
  }

  private static void collect(
      Stock s, CreateCouponStockRequest sent, Set<String> seen, List<Stock> matches) {
    if (seen.add(s.getStockId()) && matches(s, sent)) {
      matches.add(s);
    }
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
