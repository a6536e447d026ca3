package com.campaigns.starter.campaign;

import com.campaigns.ledger.CampaignIndex;
import com.campaigns.starter.security.ApiUser;
import com.campaigns.starter.security.Operator;
import com.campaigns.starter.system.RequestRejected;
import com.campaigns.workflows.model.ApprovalRequest;
import com.campaigns.workflows.model.StatusDocument;
import com.campaigns.workflows.rules.Approvals;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

/**
 * Four-eyes approval through the API and the console: an approver other than the person who started
 * the campaign approves or rejects it while it is AWAITING_APPROVAL. The workflow's validator
 * decides again (ops may send the update from the Web UI or the CLI); checking the starter here
 * first answers 403 instead of a conflict.
 */
@Service
public class CampaignApprovals {

  static final int MAX_NOTE_LENGTH = 200;

  private final CampaignService campaigns;
  private final CampaignIndex index;

  CampaignApprovals(CampaignService campaigns, CampaignIndex index) {
    this.campaigns = campaigns;
    this.index = index;
  }

  public StatusDocument approve(String campaignId, String note, ApiUser user) {
    ApprovalRequest request = checked(campaignId, note, user);
    return campaigns.update(campaignId, "not_awaiting_approval", wf -> wf.approve(request));
  }

  public StatusDocument reject(String campaignId, String note, ApiUser user) {
    ApprovalRequest request = checked(campaignId, note, user);
    return campaigns.update(campaignId, "not_awaiting_approval", wf -> wf.reject(request));
  }

  private ApprovalRequest checked(String campaignId, String note, ApiUser user) {
    Operator operator = Operator.of(user);
    if (note != null && note.length() > MAX_NOTE_LENGTH) {
      throw RequestRejected.badRequest(
          "invalid_request", "note must be at most " + MAX_NOTE_LENGTH + " characters");
    }
    if (!KnownCampaigns.wellFormed(campaignId)) {
      throw KnownCampaigns.unknown(campaignId);
    }
    CampaignIndex.Entry campaign =
        index.find(campaignId).orElseThrow(() -> KnownCampaigns.unknown(campaignId));
    if (!user.seesMerchant(campaign.mchid())) {
      throw KnownCampaigns.unknown(campaignId);
    }
    if (!Approvals.mayDecide(operator.name(), campaign.createdBy())) {
      throw new RequestRejected(
          HttpStatus.FORBIDDEN,
          "self_approval",
          operator.name()
              + " started campaign "
              + campaignId
              + " and may not approve or reject it; another approver must");
    }
    return new ApprovalRequest(operator.name(), note == null || note.isBlank() ? null : note);
  }
}
