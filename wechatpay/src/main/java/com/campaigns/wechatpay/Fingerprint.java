package com.campaigns.wechatpay;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * SHA-256 over a sequence of fields, each length-prefixed so that no two sequences collide by
 * concatenation.
 */
final class Fingerprint {

  private final MessageDigest digest;

  Fingerprint() {
    try {
      digest = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  Fingerprint add(Object value) {
    byte[] bytes =
        value == null
            ? new byte[] {(byte) 0xff}
            : value.toString().getBytes(StandardCharsets.UTF_8);
    digest.update(Integer.toString(bytes.length).getBytes(StandardCharsets.US_ASCII));
    digest.update((byte) ':');
    digest.update(bytes);
    return this;
  }

  String hex() {
    return HexFormat.of().formatHex(digest.digest());
  }

  static String of(MerchantCredentials c) {
    Fingerprint f =
        new Fingerprint()
            .add(c.mchid())
            .add(c.appids() == null ? null : new java.util.TreeSet<>(c.appids()))
            .add(c.merchantSerialNumber())
            .add(c.privateKeyPem())
            .add(c.apiV3Key())
            .add(c.publicKeyId())
            .add(c.publicKeyPem())
            .add(c.mode())
            .add(c.rateLimitPerSecond())
            .add(c.merchantCertificatePem());
    // Only when set, so the fingerprints of merchants without it stay what they were.
    if (c.callbackOwned()) {
      f.add("callback-owned");
    }
    return f.hex();
  }
}
