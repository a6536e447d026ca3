package com.campaigns.workflows.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** Payload of the {@code resume} signal and update: {"operator": "..."}. */
@SnakeCaseNonNull
@JsonIgnoreProperties(ignoreUnknown = true)
public record ResumeRequest(String operator) {}
