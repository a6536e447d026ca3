package com.campaigns.workflows.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** Payload of the {@code pause} signal and update: {"reason": "...", "operator": "..."}. */
@SnakeCaseNonNull
@JsonIgnoreProperties(ignoreUnknown = true)
public record PauseRequest(String reason, String operator) {}
