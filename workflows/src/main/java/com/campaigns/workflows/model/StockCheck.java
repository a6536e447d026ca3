package com.campaigns.workflows.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * The stock's live state from WeChat Pay plus the campaign's redemptions recorded in the ledger.
 */
@SnakeCaseNonNull
@JsonIgnoreProperties(ignoreUnknown = true)
public record StockCheck(String status, long distributedCoupons, long usedCount, long usedAmount) {}
