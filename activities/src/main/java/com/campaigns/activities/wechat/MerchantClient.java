package com.campaigns.activities.wechat;

import com.wechat.pay.java.core.http.HttpClient;
import com.wechat.pay.java.core.notification.NotificationConfig;
import com.wechat.pay.java.core.notification.NotificationParser;
import com.wechat.pay.java.service.cashcoupons.CashCouponsService;
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

  MerchantClient(MerchantCredentials credentials, HttpClient http, NotificationConfig notificationConfig) {
    this.credentials = credentials;
    this.http = http;
    this.coupons = new CashCouponsService.Builder().httpClient(http).build();
    this.notifications = new NotificationParser(notificationConfig);
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
    return credentials.publicKeyMode() ? MerchantCredentials.PUBLIC_KEY : MerchantCredentials.PLATFORM_CERTIFICATE;
  }

  public String publicKeyId() {
    return credentials.publicKeyId();
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
