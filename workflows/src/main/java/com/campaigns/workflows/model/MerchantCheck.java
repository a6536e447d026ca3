package com.campaigns.workflows.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * Whether a worker can act for a merchant now.
 *
 * @param detail why not (removed, invalid credentials: which field); never a secret
 */
@SnakeCaseNonNull
@JsonIgnoreProperties(ignoreUnknown = true)
public record MerchantCheck(String mchid, boolean available, String detail) {}
