package com.campaigns.sandbox.merchant;

/**
 * Everything secret about one merchant, as stored in {@code <data-dir>/<mchid>/credentials.json}.
 * Fields of a key the merchant does not have are null.
 */
public record Credentials(
    String mchid,
    String merchantSerialNumber,
    String merchantPrivateKeyPem,
    String apiv3Key,
    String wechatpayPublicKeyId,
    String wechatpayPublicKeyPem,
    String wechatpayPrivateKeyPem,
    String platformCertificateSerial,
    String platformCertificatePem,
    String platformPrivateKeyPem) {

  @Override
  public String toString() {
    return "Credentials[mchid=" + mchid + ", merchantSerialNumber=" + merchantSerialNumber + "]";
  }
}
