package com.campaigns.workflows.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** Builds the reconciliation report of a campaign from the ledger and the flow rows. */
@SnakeCaseNonNull
@JsonIgnoreProperties(ignoreUnknown = true)
public record ReconcileRequest(
    String campaignId, String stockId, long couponAmount, java.util.List<String> waveNames) {}
