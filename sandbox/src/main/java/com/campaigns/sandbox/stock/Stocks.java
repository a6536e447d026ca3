package com.campaigns.sandbox.stock;

import com.campaigns.sandbox.protocol.Rejected;
import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.stereotype.Component;

/**
 * All stocks of this sandbox, in memory, plus each merchant's create-stock {@code out_request_no}s.
 */
@Component
public class Stocks {

  private final Map<String, Stock> byId = new ConcurrentHashMap<>();
  private final Map<String, Stock> byOutRequestNo = new ConcurrentHashMap<>();
  // Seeded from the start time so ids from an earlier run of a standalone sandbox are not reused.
  private final AtomicLong nextId = new AtomicLong(System.currentTimeMillis() / 1000 * 1000);

  public Optional<Stock> find(String stockId) {
    return Optional.ofNullable(stockId == null ? null : byId.get(stockId));
  }

  /** The stock, or 404 RESOURCE_NOT_EXISTS "批次不存在". */
  public Stock get(String stockId) {
    return find(stockId).orElseThrow(() -> new Rejected(404, "RESOURCE_NOT_EXISTS", "批次不存在"));
  }

  public Collection<Stock> all() {
    return byId.values();
  }

  Optional<Stock> findByOutRequestNo(String mchid, String outRequestNo) {
    return Optional.ofNullable(byOutRequestNo.get(mchid + "\n" + outRequestNo));
  }

  /**
   * Creates the stock unless the merchant already used the out_request_no (then returns that
   * stock).
   */
  Stock create(String mchid, StockTerms terms, Instant now) {
    return byOutRequestNo.computeIfAbsent(
        mchid + "\n" + terms.outRequestNo(),
        key -> {
          Stock stock = new Stock(Long.toString(nextId.incrementAndGet()), mchid, terms, now);
          byId.put(stock.id(), stock);
          return stock;
        });
  }
}
