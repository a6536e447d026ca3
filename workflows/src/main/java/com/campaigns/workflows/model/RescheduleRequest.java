package com.campaigns.workflows.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** Moves a pending wave to a new start time (RFC 3339). */
@SnakeCaseNonNull
@JsonIgnoreProperties(ignoreUnknown = true)
public record RescheduleRequest(String wave, String startAt, String operator) {}
