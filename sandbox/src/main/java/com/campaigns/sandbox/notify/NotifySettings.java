package com.campaigns.sandbox.notify;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code sandbox.notify.*}.
 *
 * @param retryInterval pause between delivery attempts of one notification; default 60s as WeChat
 *     Pay
 * @param maxAttempts attempts in total, the first included; default 9
 * @param timeout how long one attempt waits for the merchant's answer; default 5s
 * @param allowHttpLoopback accept {@code http://127.0.0.1…} and {@code http://localhost…} callback
 *     URLs (WeChat Pay accepts https only); default false
 */
@ConfigurationProperties("sandbox.notify")
public record NotifySettings(
    Duration retryInterval, Integer maxAttempts, Duration timeout, Boolean allowHttpLoopback) {

  public NotifySettings {
    retryInterval = retryInterval == null ? Duration.ofSeconds(60) : retryInterval;
    maxAttempts = maxAttempts == null ? 9 : maxAttempts;
    timeout = timeout == null ? Duration.ofSeconds(5) : timeout;
    allowHttpLoopback = allowHttpLoopback != null && allowHttpLoopback;
  }
}
