package com.campaigns.sandbox.flow;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code sandbox.flow.*}.
 *
 * @param ready when a stock's flow files become available: {@code next-day-10am} (WeChat Pay: 10:00
 *     Asia/Shanghai on the day after the stock ends, business clock) or {@code after-end}
 * @param delay added to that moment; default 0
 * @param urlTtl how long a download URL stays valid on the business clock; default 30s
 */
@ConfigurationProperties("sandbox.flow")
public record FlowSettings(Readiness ready, Duration delay, Duration urlTtl) {

  public FlowSettings {
    ready = ready == null ? Readiness.NEXT_DAY_10AM : ready;
    delay = delay == null ? Duration.ZERO : delay;
    urlTtl = urlTtl == null ? Duration.ofSeconds(30) : urlTtl;
  }

  /** When flow files appear after a stock ends. */
  public enum Readiness {
    NEXT_DAY_10AM,
    AFTER_END
  }
}
