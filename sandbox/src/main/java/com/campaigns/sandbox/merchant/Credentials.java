package com.campaigns.sandbox.merchant;

/**
 * Everything secret about one merchant, as stored in {@code <data-dir>/<mchid>/credentials.json}.
 * Fields of a key the merchant does not have are null (as is {@code merchantCertificatePem} in
 * credentials kept before merchant certificates were generated).
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
    String platformPrivateKeyPem,
    String merchantCertificatePem) {

  @Override
  public String toString() {
    return "Credentials[mchid=" + mchid + ", merchantSerialNumber=" + merchantSerialNumber + "]";
  }
}
