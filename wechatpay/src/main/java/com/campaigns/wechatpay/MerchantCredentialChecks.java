package com.campaigns.wechatpay;

import java.io.ByteArrayInputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Checks a merchant's credentials before any client is built, so that a mistake is reported with
 * the merchant and the field instead of surfacing later as a SIGN_ERROR or an SDK stack trace.
 *
 * <p>What can be checked locally: the private key is PKCS#8 RSA (the SDK reads nothing else; a
 * PKCS#1 {@code BEGIN RSA PRIVATE KEY} file is named as such), the APIv3 key is 32 bytes, the
 * WeChat Pay public key parses, the serial looks like a certificate serial, and, when the merchant
 * certificate ({@code apiclient_cert.pem}) is given, that its serial is the configured one and its
 * public key belongs to the private key. What cannot be checked locally: that the serial (without a
 * certificate) belongs to the key, that the APIv3 key is the one set in 商户平台, and that the public
 * key id matches the public key. The live check (a signed query whose answer must verify) covers
 * those.
 */
public final class MerchantCredentialChecks {

  /** mchid is a merchant number: digits only (WeChat Pay uses 10). */
  private static final Pattern MCHID = Pattern.compile("[0-9]{6,32}");

  private static final Pattern SERIAL = Pattern.compile("[0-9A-Fa-f]{8,64}");
  private static final Pattern APPID = Pattern.compile("[A-Za-z0-9_]{4,64}");

  private MerchantCredentialChecks() {}

  /** Every problem found, field by field; empty when the credentials can be used. */
  public static List<MerchantProblem> check(MerchantCredentials c, String source, Fields fields) {
    List<MerchantProblem> out = new ArrayList<>();
    String mchid = c.mchid();
    if (mchid == null || mchid.isBlank()) {
      out.add(new MerchantProblem("?", source, fields.mchid(), "is required"));
      return out;
    }
    if (!MCHID.matcher(mchid).matches()) {
      out.add(
          new MerchantProblem(
              mchid, source, fields.mchid(), "must be the merchant number (digits)"));
    }
    if (c.appids() == null || c.appids().isEmpty()) {
      out.add(
          new MerchantProblem(
              mchid,
              source,
              fields.appids(),
              "at least one appid is required (the appids this merchant may send coupons with)"));
    } else {
      for (String appid : c.appids()) {
        if (appid == null || !APPID.matcher(appid).matches()) {
          out.add(
              new MerchantProblem(
                  mchid, source, fields.appids(), "'" + appid + "' is not an appid"));
        }
      }
    }
    if (c.rateLimitPerSecond() < 1) {
      out.add(new MerchantProblem(mchid, source, fields.rateLimit(), "must be at least 1"));
    }
    if (!MerchantCredentials.PUBLIC_KEY.equals(c.mode())
        && !MerchantCredentials.PLATFORM_CERTIFICATE.equals(c.mode())) {
      out.add(
          new MerchantProblem(
              mchid,
              source,
              fields.mode(),
              "'" + c.mode() + "' is not a mode: public-key or platform-certificate"));
    }
    String serial = c.merchantSerialNumber();
    if (serial == null || serial.isBlank()) {
      out.add(
          new MerchantProblem(
              mchid, source, fields.serial(), "is required (the merchant API certificate serial)"));
    } else if (!SERIAL.matcher(serial).matches()) {
      out.add(
          new MerchantProblem(
              mchid, source, fields.serial(), "is not a hexadecimal certificate serial"));
    }
    PrivateKey privateKey = null;
    String keyProblem = privateKeyProblem(c.privateKeyPem());
    if (keyProblem != null) {
      out.add(new MerchantProblem(mchid, source, fields.privateKey(), keyProblem));
    } else {
      privateKey = readPrivateKey(c.privateKeyPem());
    }
    if (c.apiV3Key() == null || c.apiV3Key().isEmpty()) {
      out.add(new MerchantProblem(mchid, source, fields.apiV3Key(), "is required"));
    } else {
      int bytes = c.apiV3Key().getBytes(StandardCharsets.UTF_8).length;
      if (bytes != 32) {
        out.add(
            new MerchantProblem(
                mchid,
                source,
                fields.apiV3Key(),
                "must be exactly 32 bytes (AES-256-GCM key set in 商户平台), found " + bytes));
      }
    }
    if (c.publicKeyMode()) {
      if (c.publicKeyId() == null || c.publicKeyId().isBlank()) {
        out.add(
            new MerchantProblem(
                mchid,
                source,
                fields.publicKeyId(),
                "is required in public-key mode (PUB_KEY_ID_… from 商户平台)"));
      }
      String publicProblem = publicKeyProblem(c.publicKeyPem());
      if (publicProblem != null) {
        out.add(new MerchantProblem(mchid, source, fields.publicKey(), publicProblem));
      }
    }
    if (c.merchantCertificatePem() != null && !c.merchantCertificatePem().isBlank()) {
      X509Certificate certificate = readCertificate(c.merchantCertificatePem());
      if (certificate == null) {
        out.add(
            new MerchantProblem(
                mchid, source, fields.certificate(), "is not a PEM X.509 certificate"));
      } else {
        if (serial != null
            && SERIAL.matcher(serial).matches()
            && !certificate.getSerialNumber().equals(new BigInteger(serial, 16))) {
          out.add(
              new MerchantProblem(
                  mchid,
                  source,
                  fields.serial(),
                  "does not match the merchant certificate "
                      + fields.certificate()
                      + " (its serial is "
                      + certificate.getSerialNumber().toString(16).toUpperCase()
                      + ")"));
        }
        if (privateKey != null && !sameKey(privateKey, certificate.getPublicKey())) {
          out.add(
              new MerchantProblem(
                  mchid,
                  source,
                  fields.privateKey(),
                  "does not belong to the merchant certificate "
                      + fields.certificate()
                      + " (the key pair was rotated without the other file?)"));
        }
      }
    }
    return out;
  }

  static String privateKeyProblem(String pem) {
    if (pem == null || pem.isBlank()) {
      return "is required (the merchant API private key, PKCS#8 PEM)";
    }
    if (pem.contains("BEGIN RSA PRIVATE KEY")) {
      return "is PKCS#1 (BEGIN RSA PRIVATE KEY); the SDK reads PKCS#8 only (BEGIN PRIVATE KEY). Convert it with"
          + " `openssl pkcs8 -topk8 -nocrypt -in apiclient_key.pem -out apiclient_key.pk8.pem`";
    }
    if (pem.contains("BEGIN ENCRYPTED PRIVATE KEY")) {
      return "is an encrypted PKCS#8 key; store it unencrypted (protect the file instead)";
    }
    if (!pem.contains("-----BEGIN PRIVATE KEY-----")) {
      return "is not a PEM private key (expected -----BEGIN PRIVATE KEY-----)";
    }
    if (readPrivateKey(pem) == null) {
      return "is not a readable PKCS#8 RSA private key";
    }
    return null;
  }

  static String publicKeyProblem(String pem) {
    if (pem == null || pem.isBlank()) {
      return "is required in public-key mode (the WeChat Pay public key, pub_key.pem from 商户平台)";
    }
    if (pem.contains("BEGIN RSA PUBLIC KEY")) {
      return "is PKCS#1 (BEGIN RSA PUBLIC KEY); expected -----BEGIN PUBLIC KEY----- as downloaded from 商户平台";
    }
    if (pem.contains("BEGIN CERTIFICATE")) {
      return "is a certificate; public-key mode expects the WeChat Pay public key (-----BEGIN PUBLIC KEY-----)";
    }
    if (!pem.contains("-----BEGIN PUBLIC KEY-----")) {
      return "is not a PEM public key (expected -----BEGIN PUBLIC KEY-----)";
    }
    try {
      KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(der(pem)));
      return null;
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      return "is not a readable RSA public key";
    }
  }

  private static PrivateKey readPrivateKey(String pem) {
    try {
      return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der(pem)));
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      return null;
    }
  }

  private static X509Certificate readCertificate(String pem) {
    try {
      return (X509Certificate)
          CertificateFactory.getInstance("X.509")
              .generateCertificate(
                  new ByteArrayInputStream(pem.strip().getBytes(StandardCharsets.US_ASCII)));
    } catch (GeneralSecurityException | RuntimeException e) {
      return null;
    }
  }

  private static boolean sameKey(PrivateKey privateKey, PublicKey publicKey) {
    return privateKey instanceof RSAPrivateCrtKey crt
        && publicKey instanceof RSAPublicKey rsa
        && crt.getModulus().equals(rsa.getModulus())
        && crt.getPublicExponent().equals(rsa.getPublicExponent());
  }

  private static byte[] der(String pem) {
    return Base64.getDecoder()
        .decode(pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", ""));
  }

  /** How each field is called where the credentials came from (file names or property names). */
  public record Fields(
      String mchid,
      String appids,
      String serial,
      String privateKey,
      String apiV3Key,
      String publicKeyId,
      String publicKey,
      String mode,
      String rateLimit,
      String certificate) {

    /** {@code campaigns.wechatpay.merchants[i].*} property names. */
    public static final Fields PROPERTIES =
        new Fields(
            "mchid",
            "appids",
            "merchant-serial-number",
            "private-key",
            "apiv3-key",
            "public-key-id",
            "public-key",
            "mode",
            "rate-limit-per-second",
            "merchant-certificate");

    /** Files and keys of a merchant folder. */
    public static final Fields DIRECTORY =
        new Fields(
            "mchid",
            "appids",
            "merchant-serial-number",
            MerchantDirectory.PRIVATE_KEY_FILE,
            MerchantDirectory.APIV3_KEY_FILE,
            "public-key-id",
            MerchantDirectory.PUBLIC_KEY_FILE,
            "mode",
            "rate-limit-per-second",
            MerchantDirectory.CERTIFICATE_FILE);
  }
}
