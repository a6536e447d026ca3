package com.campaigns.workflows.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;

/** Absolute ledger totals of each segment of a wave, in segment order. */
@SnakeCaseNonNull
@JsonIgnoreProperties(ignoreUnknown = true)
public record WaveSummary(List<SegmentTotals> segments) {}
