package com.campaigns.workflows.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * Cumulative redemptions of the campaign's coupons as recorded in the ledger (from COUPON.USE
 * notifications). Absolute totals, so a duplicate or late signal can never double count.
 */
@SnakeCaseNonNull
@JsonIgnoreProperties(ignoreUnknown = true)
public record UsageReport(long usedCount, long usedAmount) {}
