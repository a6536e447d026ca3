package com.campaigns.workflows.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** Asks the ledger for the per-segment totals of one wave. */
@SnakeCaseNonNull
@JsonIgnoreProperties(ignoreUnknown = true)
public record WaveSummaryRequest(
    String campaignId, int waveIndex, long recipients, int segmentSize) {}
