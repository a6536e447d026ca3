package com.campaigns.workflows.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** The stock WeChat Pay created. */
@SnakeCaseNonNull
@JsonIgnoreProperties(ignoreUnknown = true)
public record StockCreated(String stockId, String createTime) {}
