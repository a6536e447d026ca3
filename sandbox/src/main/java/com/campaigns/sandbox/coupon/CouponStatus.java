package com.campaigns.sandbox.coupon;

/** Coupon states as WeChat Pay spells them. */
public enum CouponStatus {
  SENDED,
  USED,
  EXPIRED
}
