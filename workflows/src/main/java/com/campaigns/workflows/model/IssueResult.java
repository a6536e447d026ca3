package com.campaigns.workflows.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** The segment's absolute ledger totals after the run, and why the run stopped. */
@SnakeCaseNonNull
@JsonIgnoreProperties(ignoreUnknown = true)
public record IssueResult(
    SegmentTotals totals, IssueStop stop, String stopCode, String stopMessage) {}
