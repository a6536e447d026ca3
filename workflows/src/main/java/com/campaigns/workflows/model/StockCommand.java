package com.campaigns.workflows.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** Start, pause or restart a stock on behalf of its creating merchant. */
@SnakeCaseNonNull
@JsonIgnoreProperties(ignoreUnknown = true)
public record StockCommand(String campaignId, String mchid, String stockId) {}
