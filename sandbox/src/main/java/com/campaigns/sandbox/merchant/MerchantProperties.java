package com.campaigns.sandbox.merchant;

import java.nio.file.Path;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code sandbox.data-dir} and {@code sandbox.merchants[...]}.
 *
 * @param dataDir where generated credentials are kept (one folder per merchant); unset means keys
 *     are generated in memory on every start
 * @param merchants provisioned merchants; empty means the two defaults
 */
@ConfigurationProperties("sandbox")
public record MerchantProperties(Path dataDir, List<Definition> merchants) {

  public MerchantProperties {
    merchants =
        merchants == null || merchants.isEmpty()
            ? List.of(
                new Definition(
                    "1900000001",
                    List.of("wx0000000000000001"),
                    true,
                    true,
                    SigningMode.PUBLIC_KEY),
                new Definition(
                    "1900000002",
                    List.of("wx0000000000000002"),
                    true,
                    false,
                    SigningMode.CERTIFICATE))
            : List.copyOf(merchants);
  }

  /**
   * One merchant.
   *
   * @param mchid merchant id
   * @param appids appids bound to the merchant (send coupon checks them)
   * @param platformCertificate whether the merchant has a platform certificate ({@code
   *     /v3/certificates})
   * @param publicKey whether the merchant has a WeChat Pay public key
   * @param defaultMode signing mode when the request's {@code Wechatpay-Serial} names no known key
   */
  public record Definition(
      String mchid,
      List<String> appids,
      Boolean platformCertificate,
      Boolean publicKey,
      SigningMode defaultMode) {

    public Definition {
      if (mchid == null || mchid.isBlank()) {
        throw new IllegalArgumentException("sandbox.merchants[].mchid is required");
      }
      appids = appids == null ? List.of() : List.copyOf(appids);
      platformCertificate = platformCertificate == null || platformCertificate;
      publicKey = publicKey == null || publicKey;
      if (!platformCertificate && !publicKey) {
        throw new IllegalArgumentException(
            "merchant " + mchid + " needs a public key or a certificate");
      }
      if (defaultMode == null) {
        defaultMode = publicKey ? SigningMode.PUBLIC_KEY : SigningMode.CERTIFICATE;
      }
      if (defaultMode == SigningMode.PUBLIC_KEY && !publicKey
          || defaultMode == SigningMode.CERTIFICATE && !platformCertificate) {
        throw new IllegalArgumentException(
            "merchant " + mchid + " default mode " + defaultMode + " has no key");
      }
    }
  }
}
