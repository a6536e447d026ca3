package com.campaigns.cli.demo;

import com.campaigns.cli.JsonHttp;
import com.campaigns.cli.JsonHttp.Answer;
import com.campaigns.cli.JsonHttp.CallFailed;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * What shoppers do at the sandbox during the demo: redeem and refund coupons once a wave is done.
 */
final class Shoppers {

  private Shoppers() {}

  /** Redeems coupons at the sandbox once a wave is done, as shoppers would. */
  static void react(JsonHttp sandboxHttp, JsonNode status, String stockId, Observed seen) {
    if (stockId == null) {
      return;
    }
    for (JsonNode w : status.path("waves")) {
      boolean done = "DONE".equals(w.path("status").asText());
      if (done && "vip".equals(w.path("name").asText()) && !seen.vipRedeemed) {
        seen.vipRedeemed = true;
        seen.redeemed += redeem(sandboxHttp, stockId, 40);
      }
      if (done && "all".equals(w.path("name").asText()) && !seen.allRedeemed) {
        seen.allRedeemed = true;
        seen.redeemed += redeem(sandboxHttp, stockId, 60);
        JsonNode refund =
            JsonHttp.expect(
                "POST /sandbox/stocks/" + stockId + "/refund",
                sandboxHttp.postJson("/sandbox/stocks/" + stockId + "/refund", "{\"count\": 5}"),
                200);
        seen.refunded += refund.path("count").asLong();
      }
    }
  }

  private static long redeem(JsonHttp sandboxHttp, String stockId, int count) {
    JsonNode answer =
        JsonHttp.expect(
            "POST /sandbox/stocks/" + stockId + "/redeem",
            sandboxHttp.postJson(
                "/sandbox/stocks/" + stockId + "/redeem", "{\"count\": " + count + "}"),
            200);
    return answer.path("count").asLong();
  }

  static long sandboxCount(JsonHttp sandboxHttp, String stockId) {
    try {
      Answer a = sandboxHttp.get("/sandbox/stocks/" + stockId + "/coupons?offset=0&limit=1");
      return a.status() == 200 ? a.json().path("total_count").asLong(-1) : -1;
    } catch (CallFailed e) {
      return -1;
    }
  }
}
