package com.campaigns.activities.issuance;

import static org.assertj.core.api.Assertions.assertThat;

import com.campaigns.activities.issuance.SendRetries.FactsRead;
import com.campaigns.wechatpay.StockFacts;
import com.campaigns.wechatpay.WechatError;
import com.wechat.pay.java.core.exception.ServiceException;
import com.wechat.pay.java.core.http.HttpMethod;
import com.wechat.pay.java.core.http.HttpRequest;
import com.wechat.pay.java.service.cashcoupons.model.Stock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** One segment's reads of its stock: once per burst, again after the max age. */
class StockFactsReaderTest {

  private final AtomicInteger queries = new AtomicInteger();
  private final List<String> calls = new CopyOnWriteArrayList<>();

  private Stock stock(String status) {
    Stock stock = new Stock();
    stock.setStockId("S1");
    stock.setStatus(status);
    stock.setDistributedCoupons(3);
    return stock;
  }

  private StockFactsReader reader(Duration maxAge) {
    return new StockFactsReader(
        () -> {
          queries.incrementAndGet();
          calls.add("query");
          Waits.millis(50);
          return stock("running");
        },
        () -> calls.add("record answers"),
        () -> {
          calls.add("count today");
          return 700;
        },
        100,
        maxAge);
  }

  @Test
  void aBurstOfRefusalsReadsTheStockOnceAndEveryoneActsOnThatRead() throws Exception {
    StockFactsReader reader = reader(Duration.ofMinutes(1));
    ExecutorService pool = Executors.newFixedThreadPool(16);
    try {
      CountDownLatch go = new CountDownLatch(1);
      List<Future<FactsRead>> reads = new ArrayList<>();
      for (int i = 0; i < 16; i++) {
        reads.add(
            pool.submit(
                () -> {
                  go.await();
                  return reader.read();
                }));
      }
      go.countDown();
      for (Future<FactsRead> read : reads) {
        assertThat(read.get().facts())
            .isEqualTo(new StockFacts("S1", "running", Long.MAX_VALUE, 3, 100, null, 700));
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(queries).hasValue(1);
  }

  @Test
  void theSegmentsAnswersAreRecordedBeforeTodaysAmountIsCounted() {
    reader(Duration.ofMinutes(1)).read();
    assertThat(calls).containsExactly("query", "record answers", "count today");
  }

  @Test
  void aReadOlderThanTheMaxAgeIsReadAgain() {
    StockFactsReader reader = reader(Duration.ofMillis(20));
    reader.read();
    Waits.millis(30);
    reader.read();
    assertThat(queries).hasValue(2);
  }

  @Test
  void aFailedQueryIsKeptToo() {
    HttpRequest request =
        new HttpRequest.Builder()
            .httpMethod(HttpMethod.GET)
            .url("https://api.mch.weixin.qq.com/v3/marketing/favor/stocks/S1")
            .build();
    StockFactsReader reader =
        new StockFactsReader(
            () -> {
              queries.incrementAndGet();
              throw new ServiceException(
                  request, 429, "{\"code\":\"FREQUENCY_LIMITED\",\"message\":\"请求过于频繁\"}");
            },
            () -> {},
            () -> 0,
            100,
            Duration.ofMinutes(1));
    FactsRead first = reader.read();
    reader.read();
    assertThat(first.failure().kind()).isEqualTo(WechatError.Kind.THROTTLED);
    assertThat(queries).hasValue(1);
  }

  @Test
  void aLedgerThatCannotCountIsATransientFailure() {
    StockFactsReader reader =
        new StockFactsReader(
            () -> stock("running"),
            () -> {
              throw new IllegalStateException("database down");
            },
            () -> 0,
            100,
            Duration.ofMinutes(1));
    WechatError failure = reader.read().failure();
    assertThat(failure.code()).isEqualTo("LEDGER_UNAVAILABLE");
    assertThat(failure.kind().retryable()).isTrue();
  }
}
