package com.campaigns.workflows.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** The campaign index row kept in the database, so lists work without visibility queries. */
@SnakeCaseNonNull
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
