package com.campaigns.sandbox.merchant;

/** How the sandbox signs for a merchant when the request names no known key. */
public enum SigningMode {
  /** WeChat Pay public key, {@code Wechatpay-Serial: PUB_KEY_ID_…} (new merchants). */
  PUBLIC_KEY,
  /** Platform certificate, {@code Wechatpay-Serial: <certificate serial>}. */
  CERTIFICATE
}
