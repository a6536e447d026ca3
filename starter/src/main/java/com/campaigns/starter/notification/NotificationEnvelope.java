package com.campaigns.starter.notification;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/** The signed, unencrypted part of a WeChat Pay notification. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonIgnoreProperties(ignoreUnknown = true)
record NotificationEnvelope(
    String id, String createTime, String eventType, String resourceType, Resource resource) {

  static final String COUPON_USE = "COUPON.USE";

  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  @JsonIgnoreProperties(ignoreUnknown = true)
  record Resource(
      String algorithm,
      String ciphertext,
      String associatedData,
      String nonce,
      String originalType) {}

  /** What is wrong with the envelope's shape, or null when the SDK can take it. */
  String problem() {
    if (id == null || id.isBlank() || id.length() > 64) {
      return "id is missing or longer than 64 characters";
    }
    if (resource == null) {
      return "resource is missing";
    }
    if (resource.algorithm() == null
        || resource.ciphertext() == null
        || resource.nonce() == null
        || resource.associatedData() == null) {
      return "resource needs algorithm, ciphertext, nonce and associated_data";
    }
    return null;
  }
}
