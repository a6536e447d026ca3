package com.campaigns.sandbox.merchant;

import com.campaigns.sandbox.crypto.Pem;
import com.campaigns.sandbox.crypto.SigningKey;
import java.math.BigInteger;
import java.security.PublicKey;
import java.util.List;
import java.util.Set;

/** A provisioned merchant with its parsed keys, ready for the hot path. */
public final class Merchant {

  private final String mchid;
  private final Set<String> appids;
  private final List<String> appidList;
  private final Credentials credentials;
  private final PublicKey merchantPublicKey;
  private final SigningKey publicKeySigner;
  private final SigningKey certificateSigner;
  private final SigningKey defaultSigner;
  private final MerchantProperties.Definition definition;
  private final PreviousKey previous;

  /** A merchant key replaced by a rotation, still accepted until {@code validUntil} (real time). */
  record PreviousKey(String serial, PublicKey publicKey, java.time.Instant validUntil) {}

  Merchant(MerchantProperties.Definition definition, Credentials credentials) {
    this(definition, credentials, null);
  }

  Merchant(
      MerchantProperties.Definition definition, Credentials credentials, PreviousKey previous) {
    this.definition = definition;
    this.previous = previous;
    this.mchid = definition.mchid();
    this.appidList = definition.appids();
    this.appids = Set.copyOf(definition.appids());
    this.credentials = credentials;
    this.merchantPublicKey =
        Pem.publicKeyOf(Pem.readPrivateKey(credentials.merchantPrivateKeyPem()));
    this.publicKeySigner =
        credentials.wechatpayPrivateKeyPem() == null
            ? null
            : new SigningKey(
                credentials.wechatpayPublicKeyId(),
                Pem.readPrivateKey(credentials.wechatpayPrivateKeyPem()));
    this.certificateSigner =
        credentials.platformPrivateKeyPem() == null
            ? null
            : new SigningKey(
                credentials.platformCertificateSerial(),
                Pem.readPrivateKey(credentials.platformPrivateKeyPem()));
    this.defaultSigner =
        definition.defaultMode() == SigningMode.PUBLIC_KEY ? publicKeySigner : certificateSigner;
  }

  public String mchid() {
    return mchid;
  }

  public boolean hasAppid(String appid) {
    return appids.contains(appid);
  }

  public List<String> appids() {
    return appidList;
  }

  public Credentials credentials() {
    return credentials;
  }

  /** Verifies request signatures (the merchant API certificate's public key). */
  public PublicKey merchantPublicKey() {
    return merchantPublicKey;
  }

  /**
   * The key that verifies a request signed under {@code serial}: the current merchant key, or the
   * key replaced by the last rotation while its grace period lasts; null for any other serial.
   */
  public PublicKey verificationKey(String serial, java.time.Instant now) {
    if (serial == null) {
      return null;
    }
    if (credentials.merchantSerialNumber().equalsIgnoreCase(serial)) {
      return merchantPublicKey;
    }
    if (previous != null
        && previous.serial().equalsIgnoreCase(serial)
        && now.isBefore(previous.validUntil())) {
      return previous.publicKey();
    }
    return null;
  }

  /** Until when the key replaced by the last rotation is still accepted; null when none is. */
  public java.time.Instant previousKeyValidUntil() {
    return previous == null ? null : previous.validUntil();
  }

  MerchantProperties.Definition definition() {
    return definition;
  }

  public String merchantSerialNumber() {
    return credentials.merchantSerialNumber();
  }

  public String apiV3Key() {
    return credentials.apiv3Key();
  }

  public boolean hasPlatformCertificate() {
    return certificateSigner != null;
  }

  public SigningKey defaultSigner() {
    return defaultSigner;
  }

  /**
   * The key to sign a response with, chosen by the request's {@code Wechatpay-Serial}: the public
   * key id, the platform certificate serial (any hex case, leading zeros ignored, as the SDK
   * compares), or else the merchant's default.
   */
  public SigningKey signerFor(String requestedSerial) {
    if (requestedSerial == null || requestedSerial.isEmpty()) {
      return defaultSigner;
    }
    if (publicKeySigner != null && requestedSerial.equals(publicKeySigner.serial())) {
      return publicKeySigner;
    }
    if (certificateSigner != null && sameHex(requestedSerial, certificateSigner.serial())) {
      return certificateSigner;
    }
    return defaultSigner;
  }

  private static boolean sameHex(String a, String b) {
    if (a.equalsIgnoreCase(b)) {
      return true;
    }
    try {
      return new BigInteger(a, 16).equals(new BigInteger(b, 16));
    } catch (NumberFormatException e) {
      return false;
    }
  }
}
