package com.campaigns.sandbox;

import com.campaigns.sandbox.merchant.Merchant;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * A merchant's credentials, exactly as {@code GET /sandbox/merchants/{mchid}} gives them (keys a
 * merchant lacks are explicit nulls): enough to build an {@code RSAPublicKeyConfig} or {@code
 * RSAAutoCertificateConfig} of the official SDK.
 *
 * @param merchantPrivateKeyPem PKCS#8 PEM
 * @param wechatpayPublicKeyId null when the merchant has no WeChat Pay public key
 * @param wechatpayPublicKeyPem null when the merchant has no WeChat Pay public key
 * @param platformCertificateSerial null when the merchant has no platform certificate
 * @param platformCertificatePem null when the merchant has no platform certificate
 * @param merchantCertificatePem the merchant API certificate ({@code apiclient_cert.pem}); its
 *     serial is {@code merchantSerialNumber}
 * @param previousKeyValidUntil after a rotation with a grace period: until when the replaced key is
 *     still accepted (RFC 3339); null otherwise
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record SandboxMerchant(
    String mchid,
    List<String> appids,
    String merchantSerialNumber,
    String merchantPrivateKeyPem,
    String apiv3Key,
    String wechatpayPublicKeyId,
    String wechatpayPublicKeyPem,
    String platformCertificateSerial,
    String platformCertificatePem,
    String merchantCertificatePem,
    String previousKeyValidUntil) {

  /** The credentials of a provisioned merchant; also the admin API's answer. */
  public static SandboxMerchant of(Merchant merchant) {
    var c = merchant.credentials();
    return new SandboxMerchant(
        merchant.mchid(),
        merchant.appids(),
        c.merchantSerialNumber(),
        c.merchantPrivateKeyPem(),
        c.apiv3Key(),
        c.wechatpayPublicKeyId(),
        c.wechatpayPublicKeyPem(),
        c.platformCertificateSerial(),
        c.platformCertificatePem(),
        c.merchantCertificatePem(),
        merchant.previousKeyValidUntil() == null
            ? null
            : merchant.previousKeyValidUntil().toString());
  }

  @Override
  public String toString() {
    return "SandboxMerchant[mchid=" + mchid + ", appids=" + appids + "]";
  }
}
