package com.campaigns.workflows.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/** The campaign index row kept in the database, so lists work without visibility queries. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record StatusRecord(
    String campaignId,
    String mchid,
    String stockId,
    CampaignPhase status,
    long issuedCount,
    long issuedAmount,
    long usedAmount,
    long maxAmount,
    String pauseReason) {}
