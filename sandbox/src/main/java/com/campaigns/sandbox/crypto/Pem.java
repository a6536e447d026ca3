package com.campaigns.sandbox.crypto;

import java.io.ByteArrayInputStream;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;

/**
 * PEM text in the forms the official SDK reads: PKCS#8 private keys, SubjectPublicKeyInfo, X.509.
 */
public final class Pem {

  private Pem() {}

  public static String privateKey(PrivateKey key) {
    return encode("PRIVATE KEY", key.getEncoded());
  }

  public static String publicKey(PublicKey key) {
    return encode("PUBLIC KEY", key.getEncoded());
  }

  public static String certificate(X509Certificate certificate) {
    try {
      return encode("CERTIFICATE", certificate.getEncoded());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  public static PrivateKey readPrivateKey(String pem) {
    try {
      return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(decode(pem)));
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException("not a PKCS#8 RSA private key", e);
    }
  }

  public static PublicKey readPublicKey(String pem) {
    try {
      return KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(decode(pem)));
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException("not an RSA public key", e);
    }
  }

  /** The public half of an RSA private key (CRT form, as generated and as PKCS#8 stores it). */
  public static PublicKey publicKeyOf(PrivateKey key) {
    RSAPrivateCrtKey crt = (RSAPrivateCrtKey) key;
    try {
      return KeyFactory.getInstance("RSA")
          .generatePublic(new RSAPublicKeySpec(crt.getModulus(), crt.getPublicExponent()));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  public static X509Certificate readCertificate(String pem) {
    try {
      return (X509Certificate)
          CertificateFactory.getInstance("X.509")
              .generateCertificate(
                  new ByteArrayInputStream(
                      pem.getBytes(java.nio.charset.StandardCharsets.US_ASCII)));
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException("not an X.509 certificate", e);
    }
  }

  /** Upper-case hex without leading zeros, as {@code PemUtil.getSerialNumber} gives. */
  public static String serialOf(X509Certificate certificate) {
    return certificate.getSerialNumber().toString(16).toUpperCase();
  }

  private static String encode(String type, byte[] der) {
    String body = Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der);
    return "-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n";
  }

  private static byte[] decode(String pem) {
    String base64 = pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
    return Base64.getDecoder().decode(base64);
  }
}
