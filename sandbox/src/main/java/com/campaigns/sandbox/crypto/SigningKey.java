package com.campaigns.sandbox.crypto;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Signature;
import java.util.Base64;

/**
 * A WeChat Pay platform signing key with the identifier sent as {@code Wechatpay-Serial}: the
 * public key id ({@code PUB_KEY_ID_…}) or the platform certificate serial.
 */
public final class SigningKey {

  private final String serial;
  private final PrivateKey key;

  public SigningKey(String serial, PrivateKey key) {
    this.serial = serial;
    this.key = key;
  }

  public String serial() {
    return serial;
  }

  /**
   * Base64 SHA256withRSA over {@code timestamp\nnonce\nbody\n}, the response/notification message.
   */
  public String sign(String timestamp, String nonce, byte[] body) {
    try {
      Signature signature = Signature.getInstance("SHA256withRSA");
      signature.initSign(key);
      signature.update((timestamp + "\n" + nonce + "\n").getBytes(StandardCharsets.UTF_8));
      signature.update(body);
      signature.update((byte) '\n');
      return Base64.getEncoder().encodeToString(signature.sign());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("signing failed", e);
    }
  }
}
