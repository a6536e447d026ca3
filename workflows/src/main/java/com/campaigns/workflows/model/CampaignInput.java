package com.campaigns.workflows.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * The workflow's single input. {@code spec} holds audience ids only (never openid lists); {@code
 * state} is null on the first run and carries everything across continue-as-new. {@code
 * approvalThreshold} is the merchant's four-eyes threshold in fen when the API started the campaign
 * (null: no approval configured, as in every input written before it existed).
 */
@SnakeCaseNonNull
@JsonIgnoreProperties(ignoreUnknown = true)
public record CampaignInput(
    CampaignSpec spec,
    String specHash,
    CampaignSettings settings,
    String startedBy,
    CampaignState state,
    Long approvalThreshold) {

  /** An input without an approval threshold. */
  public CampaignInput(
      CampaignSpec spec,
      String specHash,
      CampaignSettings settings,
      String startedBy,
      CampaignState state) {
    this(spec, specHash, settings, startedBy, state, null);
  }

  public CampaignInput withState(CampaignState newState) {
    return new CampaignInput(spec, specHash, settings, startedBy, newState, approvalThreshold);
  }
}
