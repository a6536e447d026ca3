package com.campaigns.starter.notification;

/** The WeChat Pay signature headers of a notification, as received. */
record NotificationHeaders(
    String serial, String nonce, String timestamp, String signature, String signatureType) {

  static final String SERIAL = "Wechatpay-Serial";
  static final String NONCE = "Wechatpay-Nonce";
  static final String TIMESTAMP = "Wechatpay-Timestamp";
  static final String SIGNATURE = "Wechatpay-Signature";
  static final String SIGNATURE_TYPE = "Wechatpay-Signature-Type";
}
