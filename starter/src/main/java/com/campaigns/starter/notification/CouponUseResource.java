package com.campaigns.starter.notification;

/**
 * The decrypted {@code resource} of a COUPON.USE notification (reference B.12), the fields this
 * product uses. The SDK has no model for it; its Gson fills this record (snake_case names).
 */
record CouponUseResource(
    String stockCreatorMchid,
    String stockId,
    String couponId,
    String couponName,
    String status,
    String couponType,
    NormalCouponInformation normalCouponInformation,
    ConsumeInformation consumeInformation) {

  /** Face value and threshold in fen. */
  record NormalCouponInformation(Long couponAmount, Long transactionMinimum) {}

  /** Where and when the coupon was used. */
  record ConsumeInformation(String consumeTime, String consumeMchid, String transactionId) {}

  long amount() {
    return normalCouponInformation == null || normalCouponInformation.couponAmount() == null
        ? 0
        : normalCouponInformation.couponAmount();
  }

  String consumeTime() {
    return consumeInformation == null ? null : consumeInformation.consumeTime();
  }

  String consumeMchid() {
    return consumeInformation == null ? null : consumeInformation.consumeMchid();
  }

  String transactionId() {
    return consumeInformation == null ? null : consumeInformation.transactionId();
  }
}
