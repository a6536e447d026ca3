package com.campaigns.activities.wechat;

import com.wechat.pay.java.core.Config;
import com.wechat.pay.java.core.RSAAutoCertificateConfig;
import com.wechat.pay.java.core.RSAPublicKeyConfig;
import com.wechat.pay.java.core.http.DefaultHttpClientBuilder;
import com.wechat.pay.java.core.http.HttpClient;
import com.wechat.pay.java.core.notification.NotificationConfig;
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
    OkHttpClient.Builder builder = new OkHttpClient.Builder()
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
    Config config;
    NotificationConfig notificationConfig;
    if (credentials.publicKeyMode()) {
      RSAPublicKeyConfig c = new RSAPublicKeyConfig.Builder()
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
      RSAAutoCertificateConfig c = new RSAAutoCertificateConfig.Builder()
          .merchantId(credentials.mchid())
          .privateKey(credentials.privateKeyPem())
          .merchantSerialNumber(credentials.merchantSerialNumber())
          .apiV3Key(credentials.apiV3Key())
          .httpClientBuilder(new DefaultHttpClientBuilder().okHttpClient(shared))
          .build();
      config = c;
      notificationConfig = c;
    }
    HttpClient http = new DefaultHttpClientBuilder()
        .config(config)
        .okHttpClient(shared)
        .disableRetryOnConnectionFailure()
        .build();
    return new MerchantClient(credentials, http, notificationConfig);
  }
}
