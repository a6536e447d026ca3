package com.campaigns.starter.notification;

import com.campaigns.wechatpay.MerchantCredentials;
import com.wechat.pay.java.core.cipher.AeadAesCipher;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.Signature;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * WeChat Pay as far as notifications go, with keys the test owns: it signs and encrypts COUPON.USE
 * notifications for a merchant registered with its public key, so the test can also produce the bad
 * ones (forged, stale, undecryptable) that the sandbox never sends.
 */
final class FakeWechatPay {

  final String mchid;
  final String publicKeyId;
  final String apiV3Key;
  private final KeyPair platform;
  private final KeyPair merchant;

  FakeWechatPay(String mchid) {
    this.mchid = mchid;
    this.publicKeyId = "PUB_KEY_ID_01" + mchid + "000000000001";
    this.apiV3Key = UUID.randomUUID().toString().replace("-", "");
    this.platform = rsa();
    this.merchant = rsa();
  }

  /** What the application needs to verify and decrypt this fake's notifications. */
  MerchantCredentials credentials() {
    return new MerchantCredentials(
        mchid,
        Set.of("wx0000000000000099"),
        "5157F09EFDC096DE15EBE81A47057A72",
        pem("PRIVATE KEY", merchant.getPrivate().getEncoded()),
        apiV3Key,
        publicKeyId,
        pem("PUBLIC KEY", platform.getPublic().getEncoded()),
        MerchantCredentials.PUBLIC_KEY,
        500,
        null);
  }

  /** The decrypted resource of a COUPON.USE notification. */
  String couponJson(String stockId, String couponId, long amount) {
    return "{\"stock_creator_mchid\":\""
        + mchid
        + "\",\"stock_id\":\""
        + stockId
        + "\",\"coupon_id\":\""
        + couponId
        + "\",\"coupon_name\":\"test\",\"status\":\"USED\",\"coupon_type\":\"NORMAL\",\"no_cash\":false,"
        + "\"normal_coupon_information\":{\"coupon_amount\":"
        + amount
        + ",\"transaction_minimum\":"
        + (amount * 2)
        + "},\"consume_information\":{\"consume_time\":\"2026-12-01T10:00:00+08:00\",\"consume_mchid\":\""
        + mchid
        + "\",\"transaction_id\":\"4200000000000000000000000001\"}}";
  }

  /**
   * A notification envelope with {@code resource} encrypted by {@code key} (normally our APIv3
   * key).
   */
  String envelope(String id, String eventType, String resourceJson, String key) {
    String nonce = UUID.randomUUID().toString().substring(0, 12);
    String ciphertext =
        new AeadAesCipher(key.getBytes(StandardCharsets.UTF_8))
            .encrypt(
                "coupon".getBytes(StandardCharsets.UTF_8),
                nonce.getBytes(StandardCharsets.UTF_8),
                resourceJson.getBytes(StandardCharsets.UTF_8));
    return "{\"id\":\""
        + id
        + "\",\"create_time\":\"2026-12-01T10:00:01+08:00\",\"resource_type\":\"encrypt-resource\","
        + "\"event_type\":\""
        + eventType
        + "\",\"summary\":\"用券成功\",\"resource\":{\"original_type\":\"coupon\","
        + "\"algorithm\":\"AEAD_AES_256_GCM\",\"ciphertext\":\""
        + ciphertext
        + "\",\"associated_data\":\"coupon\","
        + "\"nonce\":\""
        + nonce
        + "\"}}";
  }

  String couponUse(String id, String stockId, String couponId, long amount) {
    return envelope(id, "COUPON.USE", couponJson(stockId, couponId, amount), apiV3Key);
  }

  /** The signature headers WeChat Pay sends, signed now with the platform key. */
  Map<String, String> headers(String body) {
    return headers(body, System.currentTimeMillis() / 1000, platform.getPrivate());
  }

  Map<String, String> headers(String body, long timestampSeconds, PrivateKey key) {
    String nonce = UUID.randomUUID().toString().replace("-", "");
    Map<String, String> h = new LinkedHashMap<>();
    h.put("Wechatpay-Serial", publicKeyId);
    h.put("Wechatpay-Nonce", nonce);
    h.put("Wechatpay-Timestamp", Long.toString(timestampSeconds));
    h.put("Wechatpay-Signature", sign(key, timestampSeconds + "\n" + nonce + "\n" + body + "\n"));
    h.put("Wechatpay-Signature-Type", "WECHATPAY2-SHA256-RSA2048");
    return h;
  }

  PrivateKey platformKey() {
    return platform.getPrivate();
  }

  static PrivateKey otherKey() {
    return rsa().getPrivate();
  }

  private static String sign(PrivateKey key, String message) {
    try {
      Signature s = Signature.getInstance("SHA256withRSA");
      s.initSign(key);
      s.update(message.getBytes(StandardCharsets.UTF_8));
      return Base64.getEncoder().encodeToString(s.sign());
    } catch (java.security.GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static KeyPair rsa() {
    try {
      KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
      g.initialize(2048);
      return g.generateKeyPair();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String pem(String type, byte[] der) {
    return "-----BEGIN "
        + type
        + "-----\n"
        + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
        + "\n-----END "
        + type
        + "-----\n";
  }
}
