package com.campaigns.workflows.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** What a flow download stored: rows and their total amount in fen, with the file's SHA-1. */
@SnakeCaseNonNull
@JsonIgnoreProperties(ignoreUnknown = true)
public record FlowResult(String kind, long rows, long amount, String sha1) {}
