package com.campaigns.sandbox.merchant;

import com.campaigns.sandbox.crypto.Nonces;
import com.campaigns.sandbox.crypto.Pem;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** Generates fresh merchant credentials: RSA-2048 keys and a self-signed platform certificate. */
final class CredentialFactory {

  private static final String ALPHANUMERIC =
      "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

  // A provider instance, not a global registration: embedding JVMs keep their provider list.
  private final BouncyCastleProvider bouncyCastle = new BouncyCastleProvider();
  private final SecureRandom random = new SecureRandom();

  Credentials create(MerchantProperties.Definition definition) {
    KeyPair merchant = rsa();
    BigInteger merchantSerial = serialNumber();
    String publicKeyId = null;
    String publicKeyPem = null;
    String publicKeyPrivatePem = null;
    if (definition.publicKey()) {
      KeyPair pair = rsa();
      publicKeyId = "PUB_KEY_ID_01" + definition.mchid() + Nonces.digits(12);
      publicKeyPem = Pem.publicKey(pair.getPublic());
      publicKeyPrivatePem = Pem.privateKey(pair.getPrivate());
    }
    String certificateSerial = null;
    String certificatePem = null;
    String certificateKeyPem = null;
    if (definition.platformCertificate()) {
      KeyPair pair = rsa();
      X509Certificate certificate = platformCertificate(definition.mchid(), pair);
      certificateSerial = Pem.serialOf(certificate);
      certificatePem = Pem.certificate(certificate);
      certificateKeyPem = Pem.privateKey(pair.getPrivate());
    }
    return new Credentials(
        definition.mchid(),
        merchantSerial.toString(16).toUpperCase(),
        Pem.privateKey(merchant.getPrivate()),
        apiV3Key(),
        publicKeyId,
        publicKeyPem,
        publicKeyPrivatePem,
        certificateSerial,
        certificatePem,
        certificateKeyPem,
        Pem.certificate(merchantCertificate(definition.mchid(), merchantSerial, merchant)));
  }

  /** A new merchant API key pair, serial and certificate; everything else as before. */
  Credentials rotate(Credentials old) {
    KeyPair merchant = rsa();
    BigInteger merchantSerial = serialNumber();
    return new Credentials(
        old.mchid(),
        merchantSerial.toString(16).toUpperCase(),
        Pem.privateKey(merchant.getPrivate()),
        old.apiv3Key(),
        old.wechatpayPublicKeyId(),
        old.wechatpayPublicKeyPem(),
        old.wechatpayPrivateKeyPem(),
        old.platformCertificateSerial(),
        old.platformCertificatePem(),
        old.platformPrivateKeyPem(),
        Pem.certificate(merchantCertificate(old.mchid(), merchantSerial, merchant)));
  }

  /** The merchant API certificate (apiclient_cert.pem): its serial is the merchant serial. */
  private X509Certificate merchantCertificate(String mchid, BigInteger serial, KeyPair pair) {
    return certificate(
        new X500Name("CN=Sandbox Tenpay.com CA,O=Sandbox,C=CN"),
        new X500Name("CN=" + mchid + ",OU=Sandbox merchant,O=Sandbox,C=CN"),
        serial,
        pair,
        "merchant");
  }

  private KeyPair rsa() {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
      generator.initialize(2048, random);
      return generator.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The platform certificate, with a serial like real platform serials. */
  private X509Certificate platformCertificate(String mchid, KeyPair pair) {
    return certificate(
        new X500Name("CN=Sandbox Tenpay.com Root CA,O=Sandbox,C=CN"),
        new X500Name("CN=Sandbox Tenpay.com sign,OU=" + mchid + ",O=Sandbox,C=CN"),
        serialNumber(),
        pair,
        "platform");
  }

  /** A certificate valid from a day ago for five years, signed by its own key. */
  private X509Certificate certificate(
      X500Name issuer, X500Name subject, BigInteger serial, KeyPair pair, String kind) {
    Instant now = Instant.now();
    try {
      var builder =
          new JcaX509v3CertificateBuilder(
              issuer,
              serial,
              Date.from(now.minus(Duration.ofDays(1))),
              Date.from(now.plus(Duration.ofDays(5 * 365))),
              subject,
              pair.getPublic());
      var signer =
          new JcaContentSignerBuilder("SHA256withRSA")
              .setProvider(bouncyCastle)
              .build(pair.getPrivate());
      return new JcaX509CertificateConverter()
          .setProvider(bouncyCastle)
          .getCertificate(builder.build(signer));
    } catch (OperatorCreationException | GeneralSecurityException e) {
      throw new IllegalStateException("could not create the " + kind + " certificate", e);
    }
  }

  /** 160 bits with the top bit set: 40 upper-case hex digits, like real platform serials. */
  private BigInteger serialNumber() {
    return new BigInteger(160, random).setBit(159);
  }

  private String apiV3Key() {
    StringBuilder key = new StringBuilder(32);
    for (int i = 0; i < 32; i++) {
      key.append(ALPHANUMERIC.charAt(random.nextInt(ALPHANUMERIC.length())));
    }
    return key.toString();
  }
}
