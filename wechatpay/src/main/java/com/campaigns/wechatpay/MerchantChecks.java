package com.campaigns.wechatpay;

import com.wechat.pay.java.service.cashcoupons.model.ListStocksRequest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Live checks of the merchants: one signed query to WeChat Pay (list stocks, limit 1) whose answer
 * must carry a signature that verifies with the merchant's WeChat Pay public key or platform
 * certificate. It proves together what no local check can: the merchant key and serial are the ones
 * WeChat Pay knows (else 401 SIGN_ERROR), and the public key id and public key (or the downloaded
 * certificates) verify its answers. Results are reused for {@code check-interval}, so health probes
 * do not become traffic; a changed credential is checked afresh.
 */
public class MerchantChecks implements AutoCloseable {

  /** How long one round of checks may hold up its caller; slower checks report PENDING. */
  private static final Duration WAIT = Duration.ofSeconds(8);

  private final MerchantRegistry registry;
  private final Duration maxAge;
  private final Clock clock = Clock.systemUTC();
  private final Map<String, CompletableFuture<LiveCheck>> running = new ConcurrentHashMap<>();
  private final Map<String, LiveCheck> results = new ConcurrentHashMap<>();
  private final ExecutorService pool;

  public MerchantChecks(MerchantRegistry registry, Duration maxAge) {
    this.registry = registry;
    this.maxAge = maxAge;
    AtomicInteger n = new AtomicInteger();
    this.pool =
        Executors.newFixedThreadPool(
            4,
            r -> {
              Thread t = new Thread(r, "merchant-check-" + n.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
  }

  /**
   * The outcome of a live check.
   *
   * @param status {@code OK}, {@code FAILED}, {@code PENDING} (still running) or {@code SKIPPED}
   *     (no usable credentials to check with)
   * @param code WeChat Pay's error code or HTTP_ERROR / INVALID_SIGNATURE; null when OK
   * @param message WeChat Pay's message or a first line of the failure; never a secret
   */
  public record LiveCheck(
      String status, String code, String message, Instant checkedAt, Long millis, String serial) {

    public static final String OK = "OK";
    public static final String FAILED = "FAILED";
    public static final String PENDING = "PENDING";
    public static final String SKIPPED = "SKIPPED";
  }

  /** A merchant's status with its live check. */
  public record Checked(MerchantStatus merchant, LiveCheck check) {}

  /** Every merchant with a live check no older than {@code check-interval} (run now if needed). */
  public List<Checked> all() {
    List<MerchantStatus> statuses = registry.statuses();
    Map<String, CompletableFuture<LiveCheck>> pending = new LinkedHashMap<>();
    for (MerchantStatus s : statuses) {
      registry.merchants().find(s.mchid()).ifPresent(c -> pending.put(s.mchid(), checkOf(c)));
    }
    long deadline = System.nanoTime() + WAIT.toNanos();
    List<Checked> out = new ArrayList<>();
    for (MerchantStatus s : statuses) {
      CompletableFuture<LiveCheck> f = pending.get(s.mchid());
      if (f == null) {
        out.add(
            new Checked(
                s,
                new LiveCheck(LiveCheck.SKIPPED, null, "no usable credentials", null, null, null)));
        continue;
      }
      out.add(new Checked(s, await(f, deadline)));
    }
    return out;
  }

  private static LiveCheck await(CompletableFuture<LiveCheck> f, long deadline) {
    try {
      return f.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
    } catch (TimeoutException e) {
      return new LiveCheck(LiveCheck.PENDING, null, "check still running", null, null, null);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new LiveCheck(LiveCheck.PENDING, null, "interrupted", null, null, null);
    } catch (java.util.concurrent.ExecutionException e) {
      return new LiveCheck(
          LiveCheck.FAILED,
          "CHECK_ERROR",
          e.getCause().getClass().getSimpleName(),
          null,
          null,
          null);
    }
  }

  private CompletableFuture<LiveCheck> checkOf(MerchantClient client) {
    String key = client.mchid() + "/" + client.fingerprint();
    LiveCheck fresh = results.get(key);
    if (fresh != null && fresh.checkedAt().plus(maxAge).isAfter(clock.instant())) {
      return CompletableFuture.completedFuture(fresh);
    }
    return running.computeIfAbsent(
        key,
        k ->
            CompletableFuture.supplyAsync(
                () -> {
                  try {
                    LiveCheck result = check(client);
                    results.keySet().removeIf(old -> old.startsWith(client.mchid() + "/"));
                    results.put(k, result);
                    return result;
                  } finally {
                    running.remove(k);
                  }
                },
                pool));
  }

  /** One signed query as the merchant; OK when the answer's signature verified. */
  LiveCheck check(MerchantClient client) {
    ListStocksRequest request = new ListStocksRequest();
    request.setOffset(0);
    request.setLimit(1);
    request.setStockCreatorMchid(client.mchid());
    long start = System.nanoTime();
    try {
      client.coupons().listStocks(request);
      return new LiveCheck(
          LiveCheck.OK,
          null,
          null,
          clock.instant(),
          (System.nanoTime() - start) / 1_000_000,
          client.merchantSerialNumber());
    } catch (RuntimeException e) {
      WechatError error = WechatErrorClassifier.classify(e);
      return new LiveCheck(
          LiveCheck.FAILED,
          error.code(),
          (error.httpStatus() > 0 ? error.httpStatus() + " " : "")
              + WechatPayClientFactory.firstLine(error.message()),
          clock.instant(),
          (System.nanoTime() - start) / 1_000_000,
          client.merchantSerialNumber());
    }
  }

  /**
   * The merchants' health in one word and its details, for the actuator indicators of the API and
   * the worker: UP when every merchant is usable and its check passed (or is still running), DOWN
   * when no merchant is usable, DEGRADED otherwise.
   */
  public Summary summary() {
    List<Checked> all = all();
    long usable =
        all.stream()
            .filter(
                c ->
                    c.merchant().usable()
                        && !"*".equals(c.merchant().mchid())
                        && !LiveCheck.FAILED.equals(c.check().status()))
            .count();
    boolean allGood =
        all.stream()
            .allMatch(
                c ->
                    MerchantStatus.ACTIVE.equals(c.merchant().state())
                        && !LiveCheck.FAILED.equals(c.check().status()));
    String status = usable == 0 ? "DOWN" : allGood ? "UP" : "DEGRADED";
    Map<String, Object> details = new LinkedHashMap<>();
    for (Checked c : all) {
      Map<String, Object> d = new LinkedHashMap<>();
      d.put("state", c.merchant().state());
      d.put("mode", c.merchant().mode());
      d.put("check", c.check().status());
      if (c.check().code() != null) {
        d.put("check_code", c.check().code());
      }
      if (!c.merchant().problems().isEmpty()) {
        d.put(
            "problems",
            c.merchant().problems().stream().map(p -> p.field() + ": " + p.message()).toList());
      }
      details.put(c.merchant().mchid(), d);
    }
    return new Summary(status, details);
  }

  /** See {@link #summary()}. */
  public record Summary(String status, Map<String, Object> details) {}

  @Override
  public void close() {
    pool.shutdownNow();
  }
}
