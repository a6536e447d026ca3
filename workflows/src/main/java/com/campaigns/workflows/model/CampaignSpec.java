package com.campaigns.workflows.model;

import java.util.List;

/**
 * A marketer's campaign: one voucher stock, timed issuance waves and budget thresholds. Fields are
 * boxed so that a missing value can be reported by name; amounts are in fen.
 */
@SnakeCaseNonNull
public record CampaignSpec(
    String campaignId,
    String mchid,
    String appid,
    StockSpec stock,
    List<WaveSpec> waves,
    BudgetGuardSpec budgetGuard,
    FlowSpec flows) {

  public CampaignSpec withCampaignId(String id) {
    return new CampaignSpec(id, mchid, appid, stock, waves, budgetGuard, flows);
  }

  public CampaignSpec withWaves(List<WaveSpec> newWaves) {
    return new CampaignSpec(campaignId, mchid, appid, stock, newWaves, budgetGuard, flows);
  }

  public boolean downloadFlows() {
    return flows == null || flows.download() == null || flows.download();
  }
}
