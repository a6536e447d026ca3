package com.campaigns.sandbox.fault;

import com.campaigns.sandbox.protocol.Endpoint;

/**
 * One fault rule. Rates are probabilities per call; at most one of error, 429, drop and commit
 * error hits a call.
 *
 * @param endpoint endpoint name ({@code send_coupon}, …) or {@code *}
 * @param errorRate chance of answering {@code errorStatus}/{@code errorCode}/{@code errorMessage}
 *     without running the call
 * @param errorStatus default 500
 * @param errorCode default SYSTEM_ERROR
 * @param errorMessage default "系统繁忙,请稍后重试"
 * @param throttleRate chance of answering 429 FREQUENCY_LIMITED without running the call
 * @param latencyMs added to every call the rule applies to
 * @param dropRate chance of running the call, then dropping the connection unanswered
 * @param maxCount the rule retires after injecting this many faults (null: never)
 * @param commitErrorRate chance of running the call (it takes effect), then answering {@code
 *     errorStatus}/{@code errorCode}/{@code errorMessage} instead of its result
 * @param lateMs added after the call ran, before its answer leaves (longer than the client's read
 *     timeout: the call took effect, the client saw a timeout)
 */
public record FaultRule(
    String endpoint,
    Double errorRate,
    Integer errorStatus,
    String errorCode,
    String errorMessage,
    Double throttleRate,
    Long latencyMs,
    Double dropRate,
    Integer maxCount,
    Double commitErrorRate,
    Long lateMs) {

  public FaultRule {
    if (endpoint == null || !endpoint.equals("*") && Endpoint.fromRuleName(endpoint).isEmpty()) {
      throw new IllegalArgumentException("unknown endpoint " + endpoint);
    }
    errorRate = rate("error_rate", errorRate);
    throttleRate = rate("throttle_rate", throttleRate);
    dropRate = rate("drop_rate", dropRate);
    commitErrorRate = rate("commit_error_rate", commitErrorRate);
    if (errorRate + throttleRate + dropRate + commitErrorRate > 1.0 + 1e-9) {
      throw new IllegalArgumentException(
          "error_rate + throttle_rate + drop_rate + commit_error_rate must not exceed 1");
    }
    errorStatus = errorStatus == null ? 500 : errorStatus;
    if (errorStatus < 400 || errorStatus > 599) {
      throw new IllegalArgumentException("error_status must be 4xx or 5xx");
    }
    errorCode = errorCode == null ? "SYSTEM_ERROR" : errorCode;
    errorMessage = errorMessage == null ? "系统繁忙,请稍后重试" : errorMessage;
    latencyMs = latencyMs == null ? 0 : latencyMs;
    lateMs = lateMs == null ? 0 : lateMs;
    if (latencyMs < 0 || lateMs < 0 || maxCount != null && maxCount < 0) {
      throw new IllegalArgumentException("latency_ms, late_ms and max_count must not be negative");
    }
  }

  boolean appliesTo(Endpoint e) {
    return endpoint.equals("*") || endpoint.equals(e.ruleName());
  }

  private static double rate(String name, Double value) {
    double v = value == null ? 0 : value;
    if (v < 0 || v > 1) {
      throw new IllegalArgumentException(name + " must be between 0 and 1");
    }
    return v;
  }
}
