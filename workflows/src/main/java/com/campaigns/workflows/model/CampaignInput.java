package com.campaigns.workflows.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * The workflow's single input. {@code spec} holds audience ids only (never openid lists); {@code
 * state} is null on the first run and carries everything across continue-as-new.
 */
@SnakeCaseNonNull
@JsonIgnoreProperties(ignoreUnknown = true)
public record CampaignInput(
    CampaignSpec spec,
    String specHash,
    CampaignSettings settings,
    String startedBy,
    CampaignState state) {

  public CampaignInput withState(CampaignState newState) {
    return new CampaignInput(spec, specHash, settings, startedBy, newState);
  }
}
