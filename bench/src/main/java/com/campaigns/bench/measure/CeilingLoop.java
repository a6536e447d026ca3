package com.campaigns.bench.measure;

import com.campaigns.bench.stack.BenchStack;
import com.campaigns.wechatpay.MerchantClient;
import com.campaigns.wechatpay.MerchantCredentials;
import com.campaigns.wechatpay.MerchantCredentialsLoader;
import com.campaigns.wechatpay.MerchantSource;
import com.campaigns.wechatpay.WechatPayClientFactory;
import com.campaigns.wechatpay.WechatPayProperties;
import com.wechat.pay.java.service.cashcoupons.model.SendCouponRequest;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The ceiling: wechatpay-java alone, no Temporal, no ledger. C threads each send coupons one after
 * another (sign, HTTP, verify) with the very client the worker builds ({@link
 * WechatPayClientFactory}: the same OkHttp pool and settings), to distinct openids of one stock.
 * The stock is a campaign's: the product created and activated it, the loop only sends.
 */
public final class CeilingLoop {

  private final MerchantClient client;
  private final AtomicLong requestNo = new AtomicLong(System.currentTimeMillis() * 1000);
  private final String stockId;

  /**
   * A loop sending from {@code stockId}, a running stock of the merchant (the product created and
   * activated it).
   */
  public CeilingLoop(String sandboxUrl, String stockId) {
    this.stockId = stockId;
    WechatPayProperties properties =
        new WechatPayProperties(
            sandboxUrl,
            sandboxUrl,
            Duration.ofSeconds(5),
            Duration.ofSeconds(10),
            BenchStack.NO_LIMIT,
            List.of());
    MerchantCredentials credentials =
        new MerchantCredentialsLoader(properties)
            .sandbox(Duration.ofSeconds(30)).stream()
                .filter(MerchantSource::valid)
                .map(MerchantSource::credentials)
                .filter(c -> c.mchid().equals(BenchStack.MCHID))
                .findFirst()
                .orElseThrow(
                    () ->
                        new IllegalStateException(
                            "the sandbox has no merchant " + BenchStack.MCHID));
    this.client = new WechatPayClientFactory(properties).build(credentials);
  }

  /**
   * Sends one coupon to each of {@code openids} with {@code concurrency} threads; answers the
   * number of sends that failed (each failure is a call the sandbox counted all the same).
   */
  public long send(List<String> openids, int concurrency) {
    AtomicLong next = new AtomicLong();
    AtomicLong failed = new AtomicLong();
    ExecutorService threads = Executors.newFixedThreadPool(concurrency);
    for (int t = 0; t < concurrency; t++) {
      threads.execute(
          () -> {
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
