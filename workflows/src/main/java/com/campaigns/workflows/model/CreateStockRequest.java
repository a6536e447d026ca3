package com.campaigns.workflows.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * Creates the stock; {@code outRequestNo} is derived from the campaign so a retry returns the same
 * stock.
 */
@SnakeCaseNonNull
@JsonIgnoreProperties(ignoreUnknown = true)
public record CreateStockRequest(
    String campaignId, String mchid, String outRequestNo, StockSpec stock) {}
