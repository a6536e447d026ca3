package com.campaigns.starter;

import static org.assertj.core.api.Assertions.assertThat;

import com.campaigns.activities.ledger.IssuanceLedger;
import com.campaigns.activities.ledger.IssuanceLedger.Outcome;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The exactly-once promise checked against the sandbox's own records, as activities'
 * {@code ExactlyOnce} states it: the sandbox's coupons are exactly the ledger's issued rows, no
 * (wave, openid) got two coupons, and every recipient has a final outcome. {@code ExactlyOnce}
 * itself takes a {@code CampaignHarness}, which owns its own Temporal service, sandbox and
 * database, so it cannot check the application's; this is the same check over explicit parts.
 */
public final class LedgerMatchesSandbox {

  private LedgerMatchesSandbox() {}

  /** Returns the number of coupons issued. */
  public static long assertHolds(IssuanceLedger ledger, String campaignId, String stockId,
      Map<Integer, List<String>> recipientsByWave) {
    List<JsonNode> coupons = sandboxCoupons(stockId);
    Map<String, JsonNode> byOutRequestNo = new HashMap<>();
    for (JsonNode c : coupons) {
      assertThat(byOutRequestNo.put(c.path("out_request_no").asText(), c))
          .as("out_request_no %s issued twice", c.path("out_request_no").asText()).isNull();
    }
    long issued = 0;
    Set<String> ledgerCoupons = new HashSet<>();
    for (var wave : recipientsByWave.entrySet()) {
      List<Outcome> rows = ledger.outcomes(campaignId, wave.getKey());
      rows.stream().collect(Collectors.groupingBy(Outcome::openid, Collectors.counting()))
          .forEach((openid, n) -> assertThat(n).as("ledger rows of %s in wave %d", openid, wave.getKey()).isEqualTo(1));
      assertThat(rows.stream().filter(o -> !o.status().equals(IssuanceLedger.FAILED)).map(Outcome::openid)
          .collect(Collectors.toSet())).as("recipients of wave %d with an outcome", wave.getKey())
          .containsExactlyInAnyOrderElementsOf(new HashSet<>(wave.getValue()));
      for (Outcome o : rows) {
        JsonNode coupon = byOutRequestNo.get(o.outRequestNo());
        if (o.status().equals(IssuanceLedger.ISSUED)) {
          issued++;
          ledgerCoupons.add(o.couponId());
          assertThat(coupon).as("sandbox coupon for %s", o.outRequestNo()).isNotNull();
          assertThat(coupon.path("coupon_id").asText()).isEqualTo(o.couponId());
          assertThat(coupon.path("openid").asText()).isEqualTo(o.openid());
        } else {
          assertThat(coupon).as("%s was %s but the sandbox issued it", o.outRequestNo(), o.status()).isNull();
        }
      }
    }
    assertThat(coupons.stream().map(c -> c.path("coupon_id").asText()).collect(Collectors.toSet()))
        .as("sandbox coupons equal ledger coupons").isEqualTo(ledgerCoupons);
    return issued;
  }

  private static List<JsonNode> sandboxCoupons(String stockId) {
    ApiClient sandbox = new ApiClient(TestSandbox.get().baseUrl());
    List<JsonNode> out = new ArrayList<>();
    int offset = 0;
    while (true) {
      JsonNode page = sandbox.get("/sandbox/stocks/" + stockId + "/coupons?offset=" + offset + "&limit=1000").json();
      page.path("data").forEach(out::add);
      offset += page.path("data").size();
      if (page.path("data").isEmpty() || offset >= page.path("total_count").asLong()) {
        return out;
      }
    }
  }
}
