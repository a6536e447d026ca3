package com.campaigns.starter.campaign;

import com.campaigns.ledger.CampaignIndex;
import com.campaigns.ledger.CouponUses;
import com.campaigns.ledger.IssuanceLedger;
import com.campaigns.ledger.IssuanceLedger.MinuteTotals;
import com.campaigns.workflows.rules.ShanghaiTime;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.stereotype.Service;

/** Builds a campaign's timeline from the ledger (two grouped queries) and its stored spec. */
@Service
public class CampaignTimelines {

  private final KnownCampaigns campaigns;
  private final IssuanceLedger issuance;
  private final CouponUses uses;
  private final ObjectMapper json = new ObjectMapper();

  CampaignTimelines(KnownCampaigns campaigns, IssuanceLedger issuance, CouponUses uses) {
    this.campaigns = campaigns;
    this.issuance = issuance;
    this.uses = uses;
  }

  public CampaignTimeline timeline(String campaignId) {
    CampaignIndex.Entry entry = campaigns.entry(campaignId);
    Map<Long, long[]> minutes = new TreeMap<>();
    for (MinuteTotals m : issuance.issuedPerMinute(campaignId)) {
      long[] t = minutes.computeIfAbsent(m.epochMinute(), k -> new long[4]);
      t[0] += m.count();
      t[1] += m.amount();
    }
    for (MinuteTotals m : uses.usedPerMinute(campaignId)) {
      long[] t = minutes.computeIfAbsent(m.epochMinute(), k -> new long[4]);
      t[2] += m.count();
      t[3] += m.amount();
    }
    List<CampaignTimeline.Point> points = new ArrayList<>(minutes.size());
    long[] sum = new long[4];
    minutes.forEach(
        (minute, t) -> {
          for (int i = 0; i < 4; i++) {
            sum[i] += t[i];
          }
          points.add(
              new CampaignTimeline.Point(
                  ShanghaiTime.rfc3339(Instant.ofEpochSecond(minute * 60)),
                  t[0],
                  t[1],
                  t[2],
                  t[3],
                  sum[0],
                  sum[1],
                  sum[2],
                  sum[3]));
        });
    return new CampaignTimeline(campaignId, entry.maxAmount(), thresholds(entry), points);
  }

  private List<CampaignTimeline.Threshold> thresholds(CampaignIndex.Entry entry) {
    List<CampaignTimeline.Threshold> out = new ArrayList<>();
    JsonNode spec;
    try {
      spec = json.readTree(entry.specJson() == null ? "{}" : entry.specJson());
    } catch (JsonProcessingException e) {
      return out;
    }
    for (JsonNode t : spec.path("budget_guard").path("thresholds")) {
      double percent = t.path("percent").asDouble();
      out.add(
          new CampaignTimeline.Threshold(
              t.path("metric").asText(), percent, Math.round(entry.maxAmount() * percent / 100.0)));
    }
    return out;
  }
}
