package com.campaigns.wechatpay;

import java.util.Set;

/**
 * Everything needed to call WeChat Pay as one merchant. Secrets never appear in {@link
 * #toString()}.
 *
 * @param mode {@code public-key} (WeChat Pay public key, the default for new merchants) or {@code
 *     platform-certificate} (certificates downloaded from /v3/certificates)
 * @param rateLimitPerSecond the merchant's send-coupon ceiling, shared by all campaigns and workers
 * @param merchantCertificatePem the merchant API certificate ({@code apiclient_cert.pem}),
 *     optional: when given, its serial must equal {@code merchantSerialNumber} and its key must
 *     match the private key; without it the pair can only be checked by a signed call to WeChat Pay
 * @param callbackOwned the merchant's COUPON.USE callback belongs to this product: a campaign may
 *     replace whatever URL is set there ({@code callback-owned: true}); otherwise a URL other than
 *     the product's own is left alone and the campaign pauses with CALLBACK_CONFLICT
 */
public record MerchantCredentials(
    String mchid,
    Set<String> appids,
    String merchantSerialNumber,
    String privateKeyPem,
    String apiV3Key,
    String publicKeyId,
    String publicKeyPem,
    String mode,
    int rateLimitPerSecond,
    String merchantCertificatePem,
    boolean callbackOwned) {

  public static final String PUBLIC_KEY = "public-key";
  public static final String PLATFORM_CERTIFICATE = "platform-certificate";

  /** Credentials whose merchant's callback is not the product's to replace. */
  public MerchantCredentials(
      String mchid,
      Set<String> appids,
      String merchantSerialNumber,
      String privateKeyPem,
      String apiV3Key,
      String publicKeyId,
      String publicKeyPem,
      String mode,
      int rateLimitPerSecond,
      String merchantCertificatePem) {
    this(
        mchid,
        appids,
        merchantSerialNumber,
        privateKeyPem,
        apiV3Key,
        publicKeyId,
        publicKeyPem,
        mode,
        rateLimitPerSecond,
        merchantCertificatePem,
        false);
  }

  public boolean publicKeyMode() {
    return !PLATFORM_CERTIFICATE.equals(mode);
  }

  @Override
  public String toString() {
    return "MerchantCredentials[mchid="
        + mchid
        + ", appids="
        + appids
        + ", serial="
        + merchantSerialNumber
        + ", mode="
        + mode
        + ", publicKeyId="
        + publicKeyId
        + ", rateLimitPerSecond="
        + rateLimitPerSecond
        + ", callbackOwned="
        + callbackOwned
        + ", privateKey=***, apiV3Key=***]";
  }
}
