package com.campaigns.wechatpay;

import com.wechat.pay.java.core.Config;
import com.wechat.pay.java.core.RSAAutoCertificateConfig;
import com.wechat.pay.java.core.RSAPublicKeyConfig;
import com.wechat.pay.java.core.certificate.AutoCertificateService;
import com.wechat.pay.java.core.http.DefaultHttpClientBuilder;
import com.wechat.pay.java.core.http.HttpClient;
import com.wechat.pay.java.core.notification.NotificationConfig;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import okhttp3.ConnectionPool;
import okhttp3.Dispatcher;
import okhttp3.OkHttpClient;

/**
 * Builds the official SDK's clients for a merchant. All merchants share one OkHttp connection pool
 * sized for 500 sends/s. OkHttp's silent re-send of a POST after a connection failure is off:
 * Temporal owns retries, and they reuse the same out_request_no.
 */
public final class WechatPayClientFactory {

  private final WechatPayProperties properties;
  private final OkHttpClient shared;

  public WechatPayClientFactory(WechatPayProperties properties) {
    this.properties = properties;
    Dispatcher dispatcher = new Dispatcher();
    dispatcher.setMaxRequests(512);
    dispatcher.setMaxRequestsPerHost(512);
    OkHttpClient.Builder builder =
        new OkHttpClient.Builder()
            .dispatcher(dispatcher)
            // WeChat Pay keeps connections alive for 8 s; stay below it.
            .connectionPool(new ConnectionPool(128, 7, TimeUnit.SECONDS))
            .retryOnConnectionFailure(false)
            .connectTimeout(properties.connectTimeout())
            .readTimeout(properties.readTimeout())
            .writeTimeout(properties.readTimeout());
    if (properties.baseUrl() != null && !properties.baseUrl().isBlank()) {
      builder.addInterceptor(new HostRewriteInterceptor(properties.baseUrl()));
    }
    this.shared = builder.build();
  }

  public MerchantClient build(MerchantCredentials credentials) {
    return build(credentials, "code", Instant.now());
  }

  /**
   * Builds a merchant's clients. Public-key mode makes no network call. Certificate mode downloads
   * the platform certificates now (the SDK's JVM-wide registry per mchid; building again for the
   * same mchid replaces the downloader, so a rotated key downloads with the new credentials) and
   * fails with a clear message when WeChat Pay has none for the merchant (new merchants since 2024
   * have only the WeChat Pay public key: SDK issue #354).
   */
  public MerchantClient build(MerchantCredentials credentials, String source, Instant loadedAt) {
    Config config;
    NotificationConfig notificationConfig;
    if (credentials.publicKeyMode()) {
      RSAPublicKeyConfig c =
          new RSAPublicKeyConfig.Builder()
              .merchantId(credentials.mchid())
              .privateKey(credentials.privateKeyPem())
              .merchantSerialNumber(credentials.merchantSerialNumber())
              .publicKey(credentials.publicKeyPem())
              .publicKeyId(credentials.publicKeyId())
              .apiV3Key(credentials.apiV3Key())
              .build();
      config = c;
      notificationConfig = c;
    } else {
      // Downloads /v3/certificates through the same (rewritten) client; re-downloaded hourly.
      RSAAutoCertificateConfig c;
      try {
        c =
            new RSAAutoCertificateConfig.Builder()
                .merchantId(credentials.mchid())
                .privateKey(credentials.privateKeyPem())
                .merchantSerialNumber(credentials.merchantSerialNumber())
                .apiV3Key(credentials.apiV3Key())
                .httpClientBuilder(new DefaultHttpClientBuilder().okHttpClient(shared))
                .build();
      } catch (RuntimeException e) {
        WechatError error = WechatErrorClassifier.classify(e);
        throw new IllegalStateException(
            "platform certificates of merchant "
                + credentials.mchid()
                + " could not be downloaded: "
                + error.code()
                + " "
                + firstLine(error.message()),
            e);
      }
      if (!hasPlatformCertificate(credentials.mchid())) {
        throw new IllegalStateException(
            "WeChat Pay has no platform certificate for merchant "
                + credentials.mchid()
                + " (merchants created since late 2024 have only the WeChat Pay public key): switch it to public-key"
                + " mode with "
                + MerchantDirectory.PUBLIC_KEY_FILE
                + " and public-key-id");
      }
      config = c;
      notificationConfig = c;
    }
    HttpClient http =
        new DefaultHttpClientBuilder()
            .config(config)
            .okHttpClient(shared)
            .disableRetryOnConnectionFailure()
            .build();
    return new MerchantClient(credentials, http, notificationConfig, source, loadedAt);
  }

  /** Stops the SDK's hourly certificate download for a merchant that was removed. */
  void release(MerchantClient client) {
    if (!client.credentials().publicKeyMode()) {
      AutoCertificateService.unregister(client.mchid(), "RSA");
    }
  }

  private static boolean hasPlatformCertificate(String mchid) {
    try {
      return AutoCertificateService.getAvailableCertificate(mchid, "RSA") != null;
    } catch (NullPointerException e) {
      return false;
    }
  }

  static String firstLine(String message) {
    if (message == null) {
      return "";
    }
    String line = message.lines().findFirst().orElse("");
    return line.length() > 200 ? line.substring(0, 200) + "…" : line;
  }
}
