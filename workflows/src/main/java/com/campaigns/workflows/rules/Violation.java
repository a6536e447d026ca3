package com.campaigns.workflows.rules;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** One problem with a campaign spec: the field path (e.g. {@code waves[1].start_at}) and why. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Violation(String field, String message) {}
