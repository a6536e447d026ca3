package com.campaigns.sandbox;

import java.util.List;

/**
 * A merchant's credentials as {@code GET /sandbox/merchants/{mchid}} gives them: enough to build an
 * {@code RSAPublicKeyConfig} or {@code RSAAutoCertificateConfig} of the official SDK.
 *
 * @param merchantPrivateKeyPem PKCS#8 PEM
 * @param wechatpayPublicKeyId null when the merchant has no WeChat Pay public key
 * @param wechatpayPublicKeyPem null when the merchant has no WeChat Pay public key
 * @param platformCertificateSerial null when the merchant has no platform certificate
 * @param platformCertificatePem null when the merchant has no platform certificate
 */
public record SandboxMerchant(
    String mchid,
    List<String> appids,
    String merchantSerialNumber,
    String merchantPrivateKeyPem,
    String apiv3Key,
    String wechatpayPublicKeyId,
    String wechatpayPublicKeyPem,
    String platformCertificateSerial,
    String platformCertificatePem) {

  @Override
  public String toString() {
    return "SandboxMerchant[mchid=" + mchid + ", appids=" + appids + "]";
  }
}
