package com.campaigns.workflows.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** A stored audience: its id and the number of distinct openids in it. */
@SnakeCaseNonNull
@JsonIgnoreProperties(ignoreUnknown = true)
public record AudienceInfo(String audienceId, long count) {}
