package com.campaigns.workflows.model;

import java.util.List;

/** Thresholds at which the campaign pauses itself. */
@SnakeCaseNonNull
public record BudgetGuardSpec(List<ThresholdSpec> thresholds) {}
