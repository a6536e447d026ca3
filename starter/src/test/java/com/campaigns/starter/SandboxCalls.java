package com.campaigns.starter;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Counts of the sandbox's WeChat Pay calls ({@code GET /sandbox/stats}), to prove a refusal called
 * nothing.
 */
public final class SandboxCalls {

  private SandboxCalls() {}

  /** Calls to one endpoint (create_stock, send_coupon, ...) so far. */
  public static long of(String endpoint) {
    return stats().path(endpoint).path("total").asLong();
  }

  /** Calls to every endpoint so far. */
  public static long total() {
    long total = 0;
    for (JsonNode endpoint : stats()) {
      total += endpoint.path("total").asLong();
    }
    return total;
  }

  private static JsonNode stats() {
    return new ApiClient(TestSandbox.get().baseUrl()).get("/sandbox/stats").json();
  }
}
