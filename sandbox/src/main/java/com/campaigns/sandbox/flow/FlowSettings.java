package com.campaigns.sandbox.flow;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code sandbox.flow.*}.
 *
 * @param ready when a stock's flow files become available: {@code next-day-10am} (WeChat Pay: 10:00
 *     Asia/Shanghai on the day after the stock ends, business clock), {@code after-end}, or {@code
 *     never} (WeChat Pay never publishes them: the product's deadline takes over)
 * @param delay added to that moment; default 0
 * @param urlTtl how long a download URL stays valid on the business clock; default 30s
 * @param notReadyAnswer what a flow request gets before the files are available: {@code
 *     invalid-request} (400 INVALID_REQUEST, the default) or {@code not-found} (404
 *     RESOURCE_NOT_EXISTS, as if the stock had no rows: the other reading of an undocumented
 *     answer)
 */
@ConfigurationProperties("sandbox.flow")
public record FlowSettings(
    Readiness ready, Duration delay, Duration urlTtl, NotReadyAnswer notReadyAnswer) {

  public FlowSettings {
    ready = ready == null ? Readiness.NEXT_DAY_10AM : ready;
    delay = delay == null ? Duration.ZERO : delay;
    urlTtl = urlTtl == null ? Duration.ofSeconds(30) : urlTtl;
    notReadyAnswer = notReadyAnswer == null ? NotReadyAnswer.INVALID_REQUEST : notReadyAnswer;
  }

  /** When flow files appear after a stock ends. */
  public enum Readiness {
    NEXT_DAY_10AM,
    AFTER_END,
    NEVER
  }

  /** The answer to a flow request before the files are available. */
  public enum NotReadyAnswer {
    INVALID_REQUEST,
    NOT_FOUND
  }
}
