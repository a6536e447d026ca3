package com.campaigns.activities;

import static org.assertj.core.api.Assertions.assertThat;

import com.campaigns.ledger.IssuanceLedger;
import com.campaigns.ledger.IssuanceLedger.Outcome;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The product's promise, checked against the sandbox's own records: the sandbox's coupons are
 * exactly the ledger's issued rows, no (wave, openid) got two coupons, and every recipient of every
 * wave has a final outcome.
 */
public final class ExactlyOnce {

  private ExactlyOnce() {}

  /** Returns the number of coupons issued. */
  public static long assertHolds(
      CampaignHarness h,
      String campaignId,
      String stockId,
      Map<Integer, List<String>> recipientsByWave) {
    return assertHolds(
        h::sandboxCoupons, h.ledger.issuance(), campaignId, stockId, recipientsByWave);
  }

  /**
   * The same check for any wiring: {@code sandboxCoupons} lists a stock's coupons as the sandbox's
   * {@code GET /sandbox/stocks/{id}/coupons} does.
   */
  public static long assertHolds(
      java.util.function.Function<String, List<JsonNode>> sandboxCoupons,
      IssuanceLedger ledger,
      String campaignId,
      String stockId,
      Map<Integer, List<String>> recipientsByWave) {
    List<JsonNode> coupons = sandboxCoupons.apply(stockId);
    Map<String, JsonNode> byOutRequestNo = new HashMap<>();
    // The sandbox keeps one coupon per out_request_no (a repeat answers the first coupon), as
    // WeChat Pay does.
    coupons.forEach(c -> byOutRequestNo.put(c.path("out_request_no").asText(), c));
    long issued = 0;
    Set<String> ledgerCoupons = new HashSet<>();
    for (var wave : recipientsByWave.entrySet()) {
      List<Outcome> rows = ledger.outcomes(campaignId, wave.getKey());
      Map<String, Long> perOpenid =
          rows.stream().collect(Collectors.groupingBy(Outcome::openid, Collectors.counting()));
      perOpenid.forEach(
          (openid, n) ->
              assertThat(n).as("ledger rows of %s in wave %d", openid, wave.getKey()).isEqualTo(1));
      Set<String> finals =
          rows.stream()
              .filter(o -> !o.status().equals(IssuanceLedger.FAILED))
              .map(Outcome::openid)
              .collect(Collectors.toSet());
      assertThat(finals)
          .as("recipients of wave %d with an outcome", wave.getKey())
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
          assertThat(coupon)
              .as("%s was %s but the sandbox issued it", o.outRequestNo(), o.status())
              .isNull();
        }
      }
    }
    assertThat(coupons.stream().map(c -> c.path("coupon_id").asText()).collect(Collectors.toSet()))
        .as("sandbox coupons equal ledger coupons")
        .isEqualTo(ledgerCoupons);
    return issued;
  }
}
