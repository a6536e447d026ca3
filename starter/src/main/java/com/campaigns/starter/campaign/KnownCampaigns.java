package com.campaigns.starter.campaign;

import com.campaigns.ledger.CampaignIndex;
import com.campaigns.starter.system.RequestRejected;
import com.campaigns.workflows.rules.SpecValidator;
import org.springframework.stereotype.Component;

/** Campaigns by id as the index has them: a malformed or unknown id is "no campaign" (404). */
@Component
public class KnownCampaigns {

  private final CampaignIndex index;

  KnownCampaigns(CampaignIndex index) {
    this.index = index;
  }

  /** The index entry of a campaign; 404 for a malformed id or one the index does not have. */
  public CampaignIndex.Entry entry(String campaignId) {
    if (!wellFormed(campaignId)) {
      throw unknown(campaignId);
    }
    return index.find(campaignId).orElseThrow(() -> unknown(campaignId));
  }

  static boolean wellFormed(String campaignId) {
    return campaignId != null && SpecValidator.CAMPAIGN_ID.matcher(campaignId).matches();
  }

  public static RequestRejected unknown(String campaignId) {
    return RequestRejected.notFound("no campaign " + campaignId);
  }
}
