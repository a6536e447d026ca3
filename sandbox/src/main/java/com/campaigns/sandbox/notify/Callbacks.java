package com.campaigns.sandbox.notify;

import com.campaigns.sandbox.clock.BusinessClock;
import com.campaigns.sandbox.protocol.Rejected;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/** Each merchant's COUPON.USE callback URL, with the set-callback rules of the FAQ. */
@Component
public class Callbacks {

  private final Map<String, Callback> byMchid = new ConcurrentHashMap<>();
  private final boolean allowHttpLoopback;
  private final BusinessClock clock;

  public Callbacks(NotifySettings settings, BusinessClock clock) {
    this.allowHttpLoopback = settings.allowHttpLoopback();
    this.clock = clock;
  }

  /**
   * Sets the URL. An http URL or one with a query string gets 500 SYSTEM_ERROR "系统繁忙", the odd
   * answer the FAQ documents; {@code switch: false} is not supported yet (400 PARAM_ERROR).
   */
  Callback set(String caller, String mchid, String notifyUrl, Boolean enabled) {
    if (mchid == null || mchid.isEmpty()) {
      throw Rejected.paramError(
          "输入源“/body/mchid”映射到字段“mchid”必填性规则校验失败,此字段为必填项", "mchid", null, "required");
    }
    if (!mchid.equals(caller)) {
      throw new Rejected(403, "NO_AUTH", "无权限设置其他商户的回调地址");
    }
    if (notifyUrl == null || notifyUrl.isEmpty()) {
      throw Rejected.paramError(
          "输入源“/body/notify_url”映射到字段“notify_url”必填性规则校验失败,此字段为必填项",
          "notify_url",
          null,
          "required");
    }
    if (notifyUrl.length() > 256) {
      throw Rejected.paramError(
          "输入源“/body/notify_url”映射到字段“notify_url”长度校验失败",
          "notify_url",
          notifyUrl,
          "at most 256 characters");
    }
    if (Boolean.FALSE.equals(enabled)) {
      throw Rejected.paramError(
          "暂不支持关闭回调通知,请在商户平台操作", "switch", false, "switch=false is not supported");
    }
    if (!acceptable(notifyUrl)) {
      throw new Rejected(500, "SYSTEM_ERROR", "系统繁忙");
    }
    Callback callback = new Callback(notifyUrl, clock.now());
    byMchid.put(mchid, callback);
    return callback;
  }

  public Optional<Callback> find(String mchid) {
    return Optional.ofNullable(byMchid.get(mchid));
  }

  private boolean acceptable(String url) {
    URI uri;
    try {
      uri = new URI(url);
    } catch (URISyntaxException e) {
      return false;
    }
    if (uri.getHost() == null || uri.getRawQuery() != null || url.contains("?")) {
      return false;
    }
    if ("https".equals(uri.getScheme())) {
      return true;
    }
    return allowHttpLoopback
        && "http".equals(uri.getScheme())
        && ("127.0.0.1".equals(uri.getHost()) || "localhost".equals(uri.getHost()));
  }

  /** A callback URL and when it was set (business clock). */
  public record Callback(String notifyUrl, Instant updateTime) {}
}
