package com.campaigns.starter.merchant;

import com.campaigns.starter.campaign.WorkflowProperties;
import com.campaigns.wechatpay.CallbackStanding;
import com.campaigns.wechatpay.MerchantClient;
import com.campaigns.wechatpay.WechatError;
import com.campaigns.wechatpay.WechatErrorClassifier;
import com.campaigns.wechatpay.WechatMerchants;
import com.wechat.pay.java.service.cashcoupons.model.Callback;
import com.wechat.pay.java.service.cashcoupons.model.QueryCallbackRequest;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * Each merchant's COUPON.USE callback as WeChat Pay has it, against the URL campaigns register
 * ({@code campaigns.workflow.notify-url}) and the merchant's {@code callback-owned} setting: what
 * the merchant's next campaign will do with it ({@link CallbackStanding}). Read afresh on every
 * call (ops look here right after changing a callback), in parallel, waiting at most 8 s.
 */
@Component
class CallbackStandings implements DisposableBean {

  private static final Duration WAIT = Duration.ofSeconds(8);

  /** No campaigns.workflow.notify-url: campaigns leave every callback alone. */
  static final String UNMANAGED = "UNMANAGED";

  static final String UNKNOWN = "UNKNOWN";
  static final String PENDING = "PENDING";
  static final String SKIPPED = "SKIPPED";

  private final WechatMerchants merchants;
  private final String ours;
  private final ExecutorService pool =
      Executors.newFixedThreadPool(
          4,
          r -> {
            Thread t = new Thread(r, "merchant-callback-read");
            t.setDaemon(true);
            return t;
          });

  CallbackStandings(WechatMerchants merchants, WorkflowProperties workflow) {
    this.merchants = merchants;
    this.ours = workflow.notifyUrl();
  }

  /** The standing of each merchant's callback, by mchid. */
  Map<String, MerchantView.Callback> of(List<String> mchids) {
    Map<String, CompletableFuture<MerchantView.Callback>> reads = new LinkedHashMap<>();
    for (String mchid : mchids) {
      merchants
          .find(mchid)
          .ifPresent(c -> reads.put(mchid, CompletableFuture.supplyAsync(() -> read(c), pool)));
    }
    long deadline = System.nanoTime() + WAIT.toNanos();
    Map<String, MerchantView.Callback> out = new LinkedHashMap<>();
    for (String mchid : mchids) {
      CompletableFuture<MerchantView.Callback> f = reads.get(mchid);
      out.put(
          mchid,
          f == null
              ? new MerchantView.Callback(SKIPPED, null, null, ours, null, "no usable credentials")
              : await(f, deadline, mchid));
    }
    return out;
  }

  private MerchantView.Callback await(
      CompletableFuture<MerchantView.Callback> f, long deadline, String mchid) {
    boolean owned = merchants.find(mchid).map(MerchantClient::callbackOwned).orElse(false);
    try {
      return f.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
    } catch (TimeoutException e) {
      return new MerchantView.Callback(PENDING, null, null, ours, owned, "read still running");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new MerchantView.Callback(PENDING, null, null, ours, owned, "interrupted");
    } catch (ExecutionException e) {
      return new MerchantView.Callback(
          UNKNOWN, null, null, ours, owned, e.getCause().getClass().getSimpleName());
    }
  }

  private MerchantView.Callback read(MerchantClient client) {
    boolean owned = client.callbackOwned();
    Optional<String> current;
    try {
      current = current(client);
    } catch (RuntimeException e) {
      WechatError error = WechatErrorClassifier.classify(e);
      return new MerchantView.Callback(UNKNOWN, null, null, ours, owned, error.describe());
    }
    String url = current.orElse(null);
    String status = ours == null ? UNMANAGED : CallbackStanding.of(url, ours, owned).name();
    return new MerchantView.Callback(status, url, CallbackStanding.host(url), ours, owned, null);
  }

  /** As SetCallback reads it: no {@code notify_url}, an empty one and a 404 all mean none. */
  private static Optional<String> current(MerchantClient client) {
    QueryCallbackRequest q = new QueryCallbackRequest();
    q.setMchid(client.mchid());
    try {
      Callback c = client.coupons().queryCallback(q);
      return Optional.ofNullable(c == null ? null : c.getNotifyUrl()).filter(u -> !u.isBlank());
    } catch (RuntimeException e) {
      if (WechatErrorClassifier.classify(e).kind() == WechatError.Kind.NOT_FOUND) {
        return Optional.empty();
      }
      throw e;
    }
  }

  @Override
  public void destroy() {
    pool.shutdownNow();
  }
}
