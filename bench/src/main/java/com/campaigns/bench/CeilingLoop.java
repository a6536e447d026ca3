package com.campaigns.bench;

import com.campaigns.activities.wechat.MerchantClient;
import com.campaigns.activities.wechat.MerchantCredentials;
import com.campaigns.activities.wechat.MerchantCredentialsLoader;
import com.campaigns.activities.wechat.MerchantSource;
import com.campaigns.activities.wechat.WechatPayClientFactory;
import com.campaigns.activities.wechat.WechatPayProperties;
import com.wechat.pay.java.service.cashcoupons.model.CouponRule;
import com.wechat.pay.java.service.cashcoupons.model.CreateCouponStockRequest;
import com.wechat.pay.java.service.cashcoupons.model.FixedValueStockMsg;
import com.wechat.pay.java.service.cashcoupons.model.SendCouponRequest;
import com.wechat.pay.java.service.cashcoupons.model.StartStockRequest;
import com.wechat.pay.java.service.cashcoupons.model.StockRule;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The ceiling: wechatpay-java alone, no Temporal, no ledger. C threads each send coupons one after
 * another (sign, HTTP, verify) with the very client the worker builds ({@link WechatPayClientFactory}:
 * the same OkHttp pool and settings), to distinct openids of one stock.
 */
final class CeilingLoop {

  private final MerchantClient client;
  private final AtomicLong requestNo = new AtomicLong(System.currentTimeMillis() * 1000);
  private String stockId;

  CeilingLoop(String sandboxUrl) {
    WechatPayProperties properties = new WechatPayProperties(sandboxUrl, sandboxUrl, Duration.ofSeconds(5),
        Duration.ofSeconds(10), BenchStack.NO_LIMIT, List.of());
    MerchantCredentials credentials = new MerchantCredentialsLoader(properties).sandbox(Duration.ofSeconds(30))
        .stream().filter(MerchantSource::valid).map(MerchantSource::credentials)
        .filter(c -> c.mchid().equals(BenchStack.MCHID)).findFirst()
        .orElseThrow(() -> new IllegalStateException("the sandbox has no merchant " + BenchStack.MCHID));
    this.client = new WechatPayClientFactory(properties).build(credentials);
  }

  /** Creates and starts the stock every ceiling run sends from; waits until it is available. */
  void createStock(long maxCoupons) {
    Instant begin = Instant.now().truncatedTo(ChronoUnit.SECONDS).plusSeconds(2);
    StockRule rule = new StockRule();
    rule.setMaxCoupons(maxCoupons);
    rule.setMaxAmount(maxCoupons * Campaigns.COUPON_AMOUNT);
    rule.setMaxCouponsPerUser(1);
    rule.setNaturalPersonLimit(false);
    rule.setPreventApiAbuse(false);
    FixedValueStockMsg fixed = new FixedValueStockMsg();
    fixed.setCouponAmount(Campaigns.COUPON_AMOUNT);
    fixed.setTransactionMinimum(Campaigns.COUPON_AMOUNT * 2);
    CouponRule couponRule = new CouponRule();
    couponRule.setFixedNormalCoupon(fixed);
    couponRule.setAvailableMerchants(List.of(BenchStack.MCHID));
    CreateCouponStockRequest create = new CreateCouponStockRequest();
    create.setStockName("压测上限");
    create.setBelongMerchant(BenchStack.MCHID);
    create.setAvailableBeginTime(Campaigns.rfc3339(begin));
    create.setAvailableEndTime(Campaigns.rfc3339(begin.plus(Duration.ofDays(1))));
    create.setStockUseRule(rule);
    create.setCouponUseRule(couponRule);
    create.setNoCash(false);
    create.setStockType("NORMAL");
    create.setOutRequestNo("bench" + System.currentTimeMillis());
    stockId = client.coupons().createCouponStock(create).getStockId();
    StartStockRequest start = new StartStockRequest();
    start.setStockId(stockId);
    start.setStockCreatorMchid(BenchStack.MCHID);
    client.coupons().startStock(start);
    Proc.sleep(Math.max(0, begin.toEpochMilli() - System.currentTimeMillis()) + 1000);
  }

  /**
   * Sends one coupon to each of {@code openids} with {@code concurrency} threads; answers the
   * number of sends that failed (each failure is a call the sandbox counted all the same).
   */
  long send(List<String> openids, int concurrency) {
    AtomicLong next = new AtomicLong();
    AtomicLong failed = new AtomicLong();
    ExecutorService threads = Executors.newFixedThreadPool(concurrency);
    for (int t = 0; t < concurrency; t++) {
      threads.execute(() -> {
        for (long i = next.getAndIncrement(); i < openids.size(); i = next.getAndIncrement()) {
          String openid = openids.get((int) i);
          SendCouponRequest request = new SendCouponRequest();
          request.setOpenid(openid);
          request.setStockId(stockId);
          request.setAppid(BenchStack.APPID);
          request.setStockCreatorMchid(BenchStack.MCHID);
          request.setOutRequestNo("bc" + requestNo.incrementAndGet());
          try {
            client.coupons().sendCoupon(request);
          } catch (RuntimeException e) {
            failed.incrementAndGet();
          }
        }
      });
    }
    threads.shutdown();
    try {
      if (!threads.awaitTermination(2, TimeUnit.HOURS)) {
        throw new IllegalStateException("ceiling loop did not finish");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
    return failed.get();
  }
}
