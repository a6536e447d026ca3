package com.campaigns.workflows.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** Sets the merchant's COUPON.USE notification URL. */
@SnakeCaseNonNull
@JsonIgnoreProperties(ignoreUnknown = true)
public record CallbackRequest(String mchid, String notifyUrl) {}
