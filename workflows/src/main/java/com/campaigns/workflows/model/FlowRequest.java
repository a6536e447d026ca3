package com.campaigns.workflows.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** Downloads one flow file (use or refund) of a stock and stores its rows. */
@SnakeCaseNonNull
@JsonIgnoreProperties(ignoreUnknown = true)
public record FlowRequest(String campaignId, String mchid, String stockId) {}
