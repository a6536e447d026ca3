package com.campaigns.wechatpay;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.ConstructorBinding;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How to reach WeChat Pay and as whom.
 *
 * @param baseUrl only for the local sandbox: every call to api.mch.weixin.qq.com is sent here
 * @param sandboxAdminUrl only for the local sandbox: merchant credentials are read once at startup
 *     from its {@code GET /sandbox/merchants} (the sandbox generates them)
 * @param merchants merchants configured inline or through the environment (keys as PEM text or file
 *     paths; files given by path are re-read on every scan, so they may be rotated in place)
 * @param merchantsDir a directory with one folder per merchant ({@link MerchantDirectory}), watched
 *     for added, rotated and removed merchants; null: none
 * @param reloadInterval how often the merchant sources are scanned; a change is applied once two
 *     consecutive scans agree, so it takes effect within two intervals
 * @param checkInterval how long a live check's result (a signed query to WeChat Pay) is reused by
 *     {@code GET /api/v1/merchants} and the health indicators
 */
@ConfigurationProperties("campaigns.wechatpay")
public record WechatPayProperties(
    String baseUrl,
    String sandboxAdminUrl,
    @DefaultValue("5s") Duration connectTimeout,
    @DefaultValue("10s") Duration readTimeout,
    @DefaultValue("500") int defaultRateLimitPerSecond,
    List<Merchant> merchants,
    Path merchantsDir,
    @DefaultValue("2s") Duration reloadInterval,
    @DefaultValue("60s") Duration checkInterval) {

  @ConstructorBinding
  public WechatPayProperties {
    merchants = merchants == null ? List.of() : merchants;
    merchantsDir = merchantsDir == null || merchantsDir.toString().isBlank() ? null : merchantsDir;
    reloadInterval = reloadInterval == null ? Duration.ofSeconds(2) : reloadInterval;
    checkInterval = checkInterval == null ? Duration.ofSeconds(60) : checkInterval;
    if (reloadInterval.isNegative() || reloadInterval.isZero()) {
      throw new IllegalArgumentException("campaigns.wechatpay.reload-interval must be positive");
    }
  }

  /** The settings of earlier versions: no merchant directory, default intervals. */
  public WechatPayProperties(
      String baseUrl,
      String sandboxAdminUrl,
      Duration connectTimeout,
      Duration readTimeout,
      int defaultRateLimitPerSecond,
      List<Merchant> merchants) {
    this(
        baseUrl,
        sandboxAdminUrl,
        connectTimeout,
        readTimeout,
        defaultRateLimitPerSecond,
        merchants,
        null,
        null,
        null);
  }

  /**
   * One merchant given inline. Each secret may be given as text or as a file path.
   *
   * @param callbackOwned the merchant's COUPON.USE callback is the product's to replace, whatever
   *     it points to ({@link MerchantCredentials#callbackOwned()}); default false
   */
  public record Merchant(
      String mchid,
      Set<String> appids,
      String merchantSerialNumber,
      String privateKey,
      String privateKeyPath,
      String apiv3Key,
      String apiv3KeyPath,
      String publicKeyId,
      String publicKey,
      String publicKeyPath,
      String mode,
      Integer rateLimitPerSecond,
      Boolean callbackOwned) {

    @ConstructorBinding
    public Merchant {}

    /** A merchant whose callback is not the product's to replace. */
    public Merchant(
        String mchid,
        Set<String> appids,
        String merchantSerialNumber,
        String privateKey,
        String privateKeyPath,
        String apiv3Key,
        String apiv3KeyPath,
        String publicKeyId,
        String publicKey,
        String publicKeyPath,
        String mode,
        Integer rateLimitPerSecond) {
      this(
          mchid,
          appids,
          merchantSerialNumber,
          privateKey,
          privateKeyPath,
          apiv3Key,
          apiv3KeyPath,
          publicKeyId,
          publicKey,
          publicKeyPath,
          mode,
          rateLimitPerSecond,
          null);
    }

    @Override
    public String toString() {
      return "Merchant[mchid=" + mchid + ", appids=" + appids + ", mode=" + mode + ", secrets=***]";
    }
  }
}
