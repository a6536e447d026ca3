package com.campaigns.workflows.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** The stock's state after a start, pause or restart. */
@SnakeCaseNonNull
@JsonIgnoreProperties(ignoreUnknown = true)
public record StockTransition(String stockId, String status, String at) {}
