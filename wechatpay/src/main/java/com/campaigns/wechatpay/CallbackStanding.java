package com.campaigns.wechatpay;

import java.net.URI;
import java.net.URISyntaxException;

/**
 * Whose a merchant's COUPON.USE callback is, from what WeChat Pay has set, the URL this product
 * registers and the merchant's configuration. The callback is merchant-wide: another system of the
 * merchant may receive its redemptions there, so the product sets its own only when none is set,
 * when it is already the product's, or when the merchant's configuration gives it to the product
 * ({@code callback-owned: true}).
 */
public enum CallbackStanding {
  /** None set: a campaign sets the product's URL. */
  UNSET,
  /** Already the product's URL: nothing to set. */
  OURS,
  /** Another URL, but the merchant's configuration gives the callback to the product: replaced. */
  OWNED,
  /** Another URL that is not the product's to replace: campaigns pause with CALLBACK_CONFLICT. */
  CONFLICT;

  /**
   * @param current the URL WeChat Pay has set, null or blank when none
   * @param ours the URL this product registers
   * @param owned the merchant's configuration says the callback is the product's
   */
  public static CallbackStanding of(String current, String ours, boolean owned) {
    if (current == null || current.isBlank()) {
      return UNSET;
    }
    if (ours != null && current.strip().equals(ours.strip())) {
      return OURS;
    }
    return owned ? OWNED : CONFLICT;
  }

  /** Whether a campaign sets the product's URL. */
  public boolean sets() {
    return this == UNSET || this == OWNED;
  }

  /**
   * The host (and port) of a callback URL, for messages that leave the API: a path or query string
   * of another system's URL may carry a secret of that system, its host does not.
   */
  public static String host(String url) {
    if (url == null || url.isBlank()) {
      return null;
    }
    try {
      URI uri = new URI(url.strip());
      if (uri.getHost() == null) {
        return "(no host)";
      }
      return uri.getPort() < 0 ? uri.getHost() : uri.getHost() + ":" + uri.getPort();
    } catch (URISyntaxException e) {
      return "(not a URL)";
    }
  }
}
