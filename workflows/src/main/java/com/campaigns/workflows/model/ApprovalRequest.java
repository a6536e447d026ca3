package com.campaigns.workflows.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * Payload of the approve and reject updates: who decides (the API sets the token's name; ops name
 * themselves on the CLI) and an optional note kept in the history.
 */
@SnakeCaseNonNull
@JsonIgnoreProperties(ignoreUnknown = true)
public record ApprovalRequest(String operator, String note) {}
