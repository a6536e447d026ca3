package com.campaigns.sandbox.protocol;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import org.springframework.stereotype.Component;

/**
 * Calls per endpoint and outcome ("200", "403 RULE_LIMIT", "200 DROPPED"), for {@code GET
 * /sandbox/stats}.
 */
@Component
public class CallStats {

  /** Request attribute carrying the error code of a rejected call. */
  public static final String CODE_ATTRIBUTE = "sandbox.error-code";

  private final Map<String, Map<String, LongAdder>> counts = new ConcurrentHashMap<>();

  void record(String endpoint, int status, String code, boolean dropped) {
    String outcome = status + (code == null ? "" : " " + code) + (dropped ? " DROPPED" : "");
    counts
        .computeIfAbsent(endpoint, k -> new ConcurrentHashMap<>())
        .computeIfAbsent(outcome, k -> new LongAdder())
        .increment();
  }

  /** endpoint → {total, outcomes: {outcome → count}}, sorted by name. */
  public Map<String, Map<String, Object>> snapshot() {
    Map<String, Map<String, Object>> result = new TreeMap<>();
    counts.forEach(
        (endpoint, outcomes) -> {
          Map<String, Long> byOutcome = new TreeMap<>();
          outcomes.forEach((outcome, n) -> byOutcome.put(outcome, n.sum()));
          long total = byOutcome.values().stream().mapToLong(Long::longValue).sum();
          result.put(endpoint, Map.of("total", total, "outcomes", byOutcome));
        });
    return result;
  }

  public void reset() {
    counts.clear();
  }
}
