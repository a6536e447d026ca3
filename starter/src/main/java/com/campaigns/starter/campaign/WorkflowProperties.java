package com.campaigns.starter.campaign;

import static java.util.Objects.requireNonNullElse;

import com.campaigns.workflows.model.CampaignSettings;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code campaigns.workflow.*}: the operational knobs each new campaign is started with (they
 * travel in the workflow input, so a running campaign keeps the values it started with). Unset
 * knobs take {@link CampaignSettings#defaults()}; checked at startup.
 *
 * @param segmentSize recipients per IssueCoupons activity
 * @param segmentParallelism segments of one wave issued at the same time
 * @param activationLead how long before available_begin_time the stock is activated
 * @param stockCheckInterval how often a running or paused stock is re-read
 * @param maxRunEvents history length after which a run continues as new
 * @param flowRetryInterval the wait after WeChat Pay's first not-ready answer for the flow files;
 *     each later wait doubles
 * @param notifyUrl the COUPON.USE callback registered for the merchant (this application's {@code
 *     /wechatpay/notifications/coupon}); blank: none is registered
 * @param flowRetryMaxInterval the longest wait between two tries of the flow files
 * @param flowDeadline how long past the expected publication (10:00 Asia/Shanghai the day after the
 *     stock ends) the flow files are waited for, before the campaign completes with its report
 *     marked {@code flows_unavailable}
 */
@ConfigurationProperties("campaigns.workflow")
public record WorkflowProperties(
    Integer segmentSize,
    Integer segmentParallelism,
    Duration activationLead,
    Duration stockCheckInterval,
    Integer maxRunEvents,
    Duration flowRetryInterval,
    String notifyUrl,
    Duration flowRetryMaxInterval,
    Duration flowDeadline) {

  /** An unset knob takes the workflow's own default, so the defaults are written in one place. */
  public WorkflowProperties {
    CampaignSettings defaults = CampaignSettings.defaults();
    segmentSize = requireNonNullElse(segmentSize, defaults.segmentSize());
    segmentParallelism = requireNonNullElse(segmentParallelism, defaults.segmentParallelism());
    activationLead = requireNonNullElse(activationLead, defaults.activationLead());
    stockCheckInterval = requireNonNullElse(stockCheckInterval, defaults.stockCheckInterval());
    maxRunEvents = requireNonNullElse(maxRunEvents, defaults.maxRunEvents());
    flowRetryInterval = requireNonNullElse(flowRetryInterval, defaults.flowRetryInterval());
    flowRetryMaxInterval =
        requireNonNullElse(flowRetryMaxInterval, defaults.flowRetryMaxInterval());
    flowDeadline = requireNonNullElse(flowDeadline, defaults.flowDeadline());
    require(segmentSize >= 1, "segment-size must be at least 1");
    require(segmentParallelism >= 1, "segment-parallelism must be at least 1");
    require(!activationLead.isNegative(), "activation-lead must not be negative");
    require(
        stockCheckInterval.compareTo(Duration.ofSeconds(1)) >= 0,
        "stock-check-interval must be at least 1s");
    require(maxRunEvents >= 500, "max-run-events must be at least 500");
    require(
        flowRetryInterval.compareTo(Duration.ofSeconds(1)) >= 0,
        "flow-retry-interval must be at least 1s");
    require(
        flowRetryMaxInterval.compareTo(flowRetryInterval) >= 0,
        "flow-retry-max-interval must be at least flow-retry-interval");
    require(!flowDeadline.isNegative(), "flow-deadline must not be negative");
    notifyUrl = notifyUrl == null || notifyUrl.isBlank() ? null : notifyUrl.strip();
    if (notifyUrl != null) {
      require(
          callbackUrl(notifyUrl),
          "notify-url must be an absolute http(s) URL without a query string (WeChat Pay rejects parameters)");
    }
  }

  public CampaignSettings toSettings() {
    return new CampaignSettings(
        segmentSize,
        segmentParallelism,
        activationLead,
        stockCheckInterval,
        maxRunEvents,
        flowRetryInterval,
        notifyUrl,
        flowRetryMaxInterval,
        flowDeadline);
  }

  private static boolean callbackUrl(String url) {
    try {
      URI uri = new URI(url);
      return uri.getHost() != null
          && uri.getRawQuery() == null
          && ("https".equals(uri.getScheme()) || "http".equals(uri.getScheme()));
    } catch (URISyntaxException e) {
      return false;
    }
  }

  private static void require(boolean condition, String message) {
    if (!condition) {
      throw new IllegalArgumentException("campaigns.workflow." + message);
    }
  }
}
