package com.campaigns.wechatpay;

import com.wechat.pay.java.core.http.HttpClient;
import com.wechat.pay.java.core.notification.NotificationConfig;
import com.wechat.pay.java.core.notification.NotificationParser;
import com.wechat.pay.java.service.cashcoupons.CashCouponsService;
import java.time.Instant;
import java.util.Set;

/**
 * The official SDK's objects for one merchant, built once and reused (the SDK's advice: one config
 * per merchant). Thread-safe.
 */
public final class MerchantClient {

  private final MerchantCredentials credentials;
  private final HttpClient http;
  private final CashCouponsService coupons;
  private final NotificationParser notifications;
  private final String source;
  private final String fingerprint;
  private final Instant loadedAt;

  MerchantClient(
      MerchantCredentials credentials,
      HttpClient http,
      NotificationConfig notificationConfig,
      String source,
      Instant loadedAt) {
    this.credentials = credentials;
    this.http = http;
    this.coupons = new CashCouponsService.Builder().httpClient(http).build();
    this.notifications = new NotificationParser(notificationConfig);
    this.source = source;
    this.fingerprint = Fingerprint.of(credentials);
    this.loadedAt = loadedAt;
  }

  public String mchid() {
    return credentials.mchid();
  }

  public Set<String> appids() {
    return credentials.appids();
  }

  public int rateLimitPerSecond() {
    return credentials.rateLimitPerSecond();
  }

  public String mode() {
    return credentials.publicKeyMode()
        ? MerchantCredentials.PUBLIC_KEY
        : MerchantCredentials.PLATFORM_CERTIFICATE;
  }

  public String publicKeyId() {
    return credentials.publicKeyId();
  }

  /** The merchant API certificate serial the requests are signed under (not a secret). */
  public String merchantSerialNumber() {
    return credentials.merchantSerialNumber();
  }

  /**
   * Whether the merchant's COUPON.USE callback is the product's to replace whatever it points to
   * ({@code callback-owned: true} in its configuration).
   */
  public boolean callbackOwned() {
    return credentials.callbackOwned();
  }

  /** Where the credentials came from: a folder, the inline properties, the sandbox, or code. */
  public String source() {
    return source;
  }

  /** When these credentials were loaded into the registry. */
  public Instant loadedAt() {
    return loadedAt;
  }

  String fingerprint() {
    return fingerprint;
  }

  /** The cash-coupon (代金券) service. */
  public CashCouponsService coupons() {
    return coupons;
  }

  /** The signing, verifying HTTP client, for calls the service lacks (raw JSON, downloads). */
  public HttpClient http() {
    return http;
  }

  /** Verifies and decrypts COUPON.USE notifications addressed to this merchant. */
  public NotificationParser notifications() {
    return notifications;
  }

  MerchantCredentials credentials() {
    return credentials;
  }

  @Override
  public String toString() {
    return "MerchantClient[" + credentials + "]";
  }
}
