package com.campaigns.sandbox;

import com.sun.management.OperatingSystemMXBean;
import com.wechat.pay.java.core.exception.ServiceException;
import com.wechat.pay.java.service.cashcoupons.CashCouponsService;
import com.wechat.pay.java.service.cashcoupons.model.SendCouponRequest;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import okhttp3.ConnectionPool;

/**
 * Signed send-coupon calls per second through the official SDK at several concurrencies, with the
 * CPU the sandbox's Tomcat threads spend per call. Client and sandbox share this JVM (and the two
 * cores), so process CPU per call includes the SDK's own signing and verifying.
 *
 * <p>Run: {@code ./mvnw -q -pl sandbox test-compile exec:java -Dexec.classpathScope=test
 * -Dexec.mainClass=com.campaigns.sandbox.SendCouponBenchmark [-Dexec.args="10 4,16,64"]} (seconds
 * per level, concurrencies). Not a test: nothing asserts a duration.
 */
public final class SendCouponBenchmark {

  private SendCouponBenchmark() {}

  public static void main(String[] args) throws Exception {
    int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 10;
    int[] levels =
        args.length > 1
            ? Arrays.stream(args[1].split(",")).mapToInt(Integer::parseInt).toArray()
            : new int[] {4, 16, 64};
    SandboxOptions.Builder options =
        SandboxOptions.builder()
            // Measure capacity, not WeChat Pay's 500/s per-merchant limit.
            .property("sandbox.limits.send-rate-per-second", "1000000")
            .property("logging.level.root", "WARN");
    try (SandboxFixture fixture = SandboxFixture.start(options)) {
      String mchid = SandboxFixture.PUBLIC_KEY_MCHID;
      String stockId =
          fixture.runningStock(
              mchid,
              r -> {
                r.getCouponUseRule().getFixedNormalCoupon().setCouponAmount(10L);
                r.getCouponUseRule().getFixedNormalCoupon().setTransactionMinimum(11L);
                r.getStockUseRule().setMaxCoupons(50_000_000L);
                r.getStockUseRule().setMaxAmount(500_000_000L);
              });
      var okHttp =
          fixture
              .okHttp
              .newBuilder()
              .connectionPool(new ConnectionPool(128, 30, TimeUnit.SECONDS))
              .build();
      CashCouponsService api =
          new CashCouponsService.Builder()
              .httpClient(
                  new com.wechat.pay.java.core.http.DefaultHttpClientBuilder()
                      .config(fixture.config(mchid))
                      .okHttpClient(okHttp)
                      .build())
              .build();
      String appid = fixture.sandbox.merchant(mchid).appids().get(0);
      run(api, stockId, mchid, appid, 8, 3); // warm-up: JIT, connections
      System.out.printf(
          "%-12s %10s %10s %8s %10s %10s %16s %16s%n",
          "concurrency",
          "calls",
          "calls/s",
          "errors",
          "p50 ms",
          "p99 ms",
          "sandbox CPU ms",
          "process CPU ms");
      for (int level : levels) {
        Result r = run(api, stockId, mchid, appid, level, seconds);
        System.out.printf(
            "%-12d %10d %10.0f %8d %10.2f %10.2f %16.3f %16.3f%n",
            level,
            r.calls,
            r.calls / r.seconds,
            r.errors,
            r.p50,
            r.p99,
            r.serverCpuNanos / 1e6 / r.calls,
            r.processCpuNanos / 1e6 / r.calls);
      }
      System.out.printf(
          "cores: %d, JVM: %s%n",
          Runtime.getRuntime().availableProcessors(), System.getProperty("java.vm.version"));
    }
  }

  private record Result(
      long calls,
      long errors,
      double seconds,
      double p50,
      double p99,
      long serverCpuNanos,
      long processCpuNanos) {}

  private static Result run(
      CashCouponsService api, String stockId, String mchid, String appid, int threads, int seconds)
      throws InterruptedException {
    ThreadMXBean threadBean = ManagementFactory.getThreadMXBean();
    OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    AtomicLong calls = new AtomicLong();
    AtomicLong errors = new AtomicLong();
    List<long[]> latencies = new ArrayList<>();
    CountDownLatch done = new CountDownLatch(threads);
    long serverBefore = serverCpu(threadBean);
    long processBefore = os.getProcessCpuTime();
    long started = System.nanoTime();
    long deadline = started + TimeUnit.SECONDS.toNanos(seconds);
    for (int t = 0; t < threads; t++) {
      long[] samples = new long[2_000_000];
      latencies.add(samples);
      int thread = t;
      Thread worker =
          new Thread(
              () -> {
                int n = 0;
                while (System.nanoTime() < deadline) {
                  SendCouponRequest request = new SendCouponRequest();
                  String key = "bench" + thread + "x" + n + "x" + System.nanoTime();
                  request.setOpenid("o" + key);
                  request.setStockId(stockId);
                  request.setOutRequestNo(key);
                  request.setAppid(appid);
                  request.setStockCreatorMchid(mchid);
                  long begin = System.nanoTime();
                  try {
                    api.sendCoupon(request);
                    calls.incrementAndGet();
                  } catch (ServiceException e) {
                    errors.incrementAndGet();
                  }
                  if (n < samples.length) {
                    samples[n] = System.nanoTime() - begin;
                  }
                  n++;
                }
                samples[samples.length - 1] = Math.min(n, samples.length - 1);
                done.countDown();
              });
      worker.start();
    }
    done.await();
    double elapsed = (System.nanoTime() - started) / 1e9;
    long serverCpu = serverCpu(threadBean) - serverBefore;
    long processCpu = os.getProcessCpuTime() - processBefore;
    long[] all =
        latencies.stream()
            .flatMapToLong(s -> Arrays.stream(s, 0, (int) s[s.length - 1]))
            .sorted()
            .toArray();
    double p50 = all.length == 0 ? 0 : all[all.length / 2] / 1e6;
    double p99 = all.length == 0 ? 0 : all[(int) (all.length * 0.99)] / 1e6;
    return new Result(
        Math.max(calls.get(), 1), errors.get(), elapsed, p50, p99, serverCpu, processCpu);
  }

  /**
   * CPU of the sandbox's Tomcat threads (acceptor, poller, workers), which all carry "http-nio" in
   * their name.
   */
  private static long serverCpu(ThreadMXBean bean) {
    long total = 0;
    for (var info : bean.getThreadInfo(bean.getAllThreadIds())) {
      if (info != null && info.getThreadName().contains("http-nio")) {
        long cpu = bean.getThreadCpuTime(info.getThreadId());
        if (cpu > 0) {
          total += cpu;
        }
      }
    }
    return total;
  }
}
