package com.campaigns.wechatpay;

import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * What the registry knows about one merchant, without any secret: where its credentials come from,
 * its mode and serial, and why it cannot be used if it cannot.
 *
 * @param state {@code ACTIVE}: the configured credentials are in use; {@code STALE}: the configured
 *     credentials are invalid or could not be loaded, the previous ones stay in use; {@code
 *     UNAVAILABLE}: nothing usable, campaigns of this merchant pause
 * @param loadedAt when the credentials in use were loaded; null when none are
 */
public record MerchantStatus(
    String mchid,
    String state,
    String source,
    String mode,
    Set<String> appids,
    String merchantSerialNumber,
    String publicKeyId,
    Integer rateLimitPerSecond,
    Instant loadedAt,
    List<MerchantProblem> problems) {

  public static final String ACTIVE = "ACTIVE";
  public static final String STALE = "STALE";
  public static final String UNAVAILABLE = "UNAVAILABLE";

  /** A merchant without usable credentials: nothing but where they were looked for and why not. */
  static MerchantStatus withoutCredentials(
      String mchid, String state, String source, List<MerchantProblem> problems) {
    return new MerchantStatus(mchid, state, source, null, null, null, null, null, null, problems);
  }

  public boolean usable() {
    return !UNAVAILABLE.equals(state);
  }
}
