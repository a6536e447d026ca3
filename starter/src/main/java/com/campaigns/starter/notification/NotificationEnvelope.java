package com.campaigns.starter.notification;

import com.campaigns.workflows.model.SnakeCaseIgnoreUnknown;

/** The signed, unencrypted part of a WeChat Pay notification. */
@SnakeCaseIgnoreUnknown
record NotificationEnvelope(
    String id, String createTime, String eventType, String resourceType, Resource resource) {

  static final String COUPON_USE = "COUPON.USE";

  @SnakeCaseIgnoreUnknown
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
