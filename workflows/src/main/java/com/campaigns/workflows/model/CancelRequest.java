package com.campaigns.workflows.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** Payload of the cancel update. */
@SnakeCaseNonNull
@JsonIgnoreProperties(ignoreUnknown = true)
public record CancelRequest(String reason, String operator) {}
