package com.campaigns.activities.issuance;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How a worker issues coupons.
 *
 * @param senderThreads threads sending to WeChat Pay, shared by every running segment on the worker
 * @param concurrencyPerSegment sends one segment keeps in flight (enough to reach 500/s at ~50 ms)
 * @param flushInterval how often answers are written to the ledger in one batch
 * @param transientAttempts tries of one send through 5xx, 429 and network errors before the
 *     activity gives up and lets Temporal retry it later (same out_request_no)
 * @param unknownCodesBeforeStop consecutive unknown WeChat Pay codes, or consecutive recipients
 *     refused while the stock can issue, after which the wave stops
 * @param suspectRetryDelay wait before re-sending after a RULE_LIMIT that may be WeChat's false one
 * @param rateHeadroom how far below a wave's rate and a merchant's ceiling sends are paced, so that
 *     the jitter between our slot and WeChat Pay's clock never puts one second above the limit
 * @param unexplainedAttempts tries of one send answered INVALID_REQUEST, REQUEST_BLOCKED or
 *     NOT_ENOUGH while the stock's facts say it can issue, before the recipient is rejected
 *     (NOT_ENOUGH: the wave stops)
 * @param unexplainedRetryDelay the first wait before such a try, doubled for each next one; also
 *     how long a segment keeps the stock's facts before reading them again
 */
@ConfigurationProperties("campaigns.issuance")
public record IssuanceSettings(
    @DefaultValue("64") int senderThreads,
    @DefaultValue("32") int concurrencyPerSegment,
    @DefaultValue("200ms") Duration flushInterval,
    @DefaultValue("6") int transientAttempts,
    @DefaultValue("20") int unknownCodesBeforeStop,
    @DefaultValue("300ms") Duration suspectRetryDelay,
    @DefaultValue("0.02") double rateHeadroom,
    @DefaultValue("4") int unexplainedAttempts,
    @DefaultValue("1s") Duration unexplainedRetryDelay) {

  public static IssuanceSettings defaults() {
    return new IssuanceSettings(
        64,
        32,
        Duration.ofMillis(200),
        6,
        20,
        Duration.ofMillis(300),
        0.02,
        4,
        Duration.ofSeconds(1));
  }
}
