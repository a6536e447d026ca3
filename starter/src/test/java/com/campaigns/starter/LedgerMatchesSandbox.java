package com.campaigns.starter;

import com.campaigns.activities.ExactlyOnce;
import com.campaigns.ledger.IssuanceLedger;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The exactly-once promise ({@code ExactlyOnce} of the activities tests) checked against this
 * application's ledger and the shared test sandbox.
 */
public final class LedgerMatchesSandbox {

  private LedgerMatchesSandbox() {}

  /** Returns the number of coupons issued. */
  public static long assertHolds(
      IssuanceLedger ledger,
      String campaignId,
      String stockId,
      Map<Integer, List<String>> recipientsByWave) {
    return ExactlyOnce.assertHolds(
        LedgerMatchesSandbox::sandboxCoupons, ledger, campaignId, stockId, recipientsByWave);
  }

  private static List<JsonNode> sandboxCoupons(String stockId) {
    ApiClient sandbox = new ApiClient(TestSandbox.get().baseUrl());
    List<JsonNode> out = new ArrayList<>();
    int offset = 0;
    while (true) {
      JsonNode page =
          sandbox
              .get("/sandbox/stocks/" + stockId + "/coupons?offset=" + offset + "&limit=1000")
              .json();
      page.path("data").forEach(out::add);
      offset += page.path("data").size();
      if (page.path("data").isEmpty() || offset >= page.path("total_count").asLong()) {
        return out;
      }
    }
  }
}
