package com.campaigns.workflows.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * The workflow's single input. {@code spec} holds audience ids only (never openid lists); {@code
 * state} is null on the first run and carries everything across continue-as-new.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
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
