package com.campaigns.starter.notification;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * {@code campaigns.notifications.*}: the COUPON.USE receiver.
 *
 * @param maxBodySize larger bodies are refused (413) unread; a real notification is about 2 KiB
 * @param maxClockSkew a {@code Wechatpay-Timestamp} further than this from now is refused (401):
 *     the SDK checks signatures but not freshness, so this bounds replays of captured requests
 * @param usageSignalInterval at most one {@code usage} signal per campaign per interval
 */
@ConfigurationProperties("campaigns.notifications")
public record NotificationProperties(
    @DefaultValue("64KB") DataSize maxBodySize,
    @DefaultValue("5m") Duration maxClockSkew,
    @DefaultValue("1s") Duration usageSignalInterval) {

  public NotificationProperties {
    if (maxBodySize.toBytes() < 1024 || maxBodySize.toBytes() > Integer.MAX_VALUE) {
      throw new IllegalArgumentException(
          "campaigns.notifications.max-body-size must be between 1KB and 2GB");
    }
    if (maxClockSkew.isNegative() || maxClockSkew.isZero()) {
      throw new IllegalArgumentException("campaigns.notifications.max-clock-skew must be positive");
    }
    if (usageSignalInterval.isNegative()) {
      throw new IllegalArgumentException(
          "campaigns.notifications.usage-signal-interval must not be negative");
    }
  }
}
