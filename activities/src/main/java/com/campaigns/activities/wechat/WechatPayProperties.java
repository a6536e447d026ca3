package com.campaigns.activities.wechat;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How to reach WeChat Pay and as whom.
 *
 * @param baseUrl only for the local sandbox: every call to api.mch.weixin.qq.com is sent here
 * @param sandboxAdminUrl only for the local sandbox: merchant credentials are read from its
 *     {@code GET /sandbox/merchants} (the sandbox generates them)
 * @param merchants merchants configured inline (keys as PEM text or file paths)
 */
@ConfigurationProperties("campaigns.wechatpay")
public record WechatPayProperties(
    String baseUrl,
    String sandboxAdminUrl,
    @DefaultValue("5s") Duration connectTimeout,
    @DefaultValue("10s") Duration readTimeout,
    @DefaultValue("500") int defaultRateLimitPerSecond,
    List<Merchant> merchants) {

  public WechatPayProperties {
    merchants = merchants == null ? List.of() : merchants;
  }

  /** One merchant given inline. Each secret may be given as text or as a file path. */
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
      Integer rateLimitPerSecond) {

    @Override
    public String toString() {
      return "Merchant[mchid=" + mchid + ", appids=" + appids + ", mode=" + mode + ", secrets=***]";
    }
  }
}
