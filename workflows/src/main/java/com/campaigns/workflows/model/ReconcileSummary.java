package com.campaigns.workflows.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** The headline of a reconciliation report; the full report is stored in the ledger. */
@SnakeCaseNonNull
@JsonIgnoreProperties(ignoreUnknown = true)
public record ReconcileSummary(
    boolean balanced,
    long issued,
    long used,
    long useFlowRows,
    long refundFlowRows,
    long mismatches,
    String summary) {}
