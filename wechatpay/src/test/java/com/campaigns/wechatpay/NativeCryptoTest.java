package com.campaigns.wechatpay;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazon.corretto.crypto.provider.AmazonCorrettoCryptoProvider;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Provider;
import java.security.SecureRandom;
import java.security.Security;
import java.security.Signature;
import java.util.Locale;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/**
 * The native provider and the JDK's are interchangeable on the wire: the same SHA256withRSA
 * signature bytes (PKCS #1 v1.5 is deterministic), each verifying the other's, and AES-GCM
 * ciphertext (the APIv3 notification resource) opened by either. On Linux x86-64 the native one is
 * installed and signs first.
 */
class NativeCryptoTest {

  static final byte[] MESSAGE =
      "POST\n/v3/marketing/favor/users/o1/coupons\n1733200000\nnonce\n{\"stock_id\":\"1\"}\n"
          .getBytes(StandardCharsets.UTF_8);

  final Provider accp = AmazonCorrettoCryptoProvider.INSTANCE;
  final Provider jdkRsa = Security.getProvider("SunRsaSign");
  final Provider jdkAes = Security.getProvider("SunJCE");

  @Test
  void onLinuxX8664TheNativeProviderIsInstalledAndSignsFirst() throws Exception {
    NativeCrypto.Status status = NativeCrypto.install(true);
    boolean linuxX64 =
        System.getProperty("os.name").toLowerCase(Locale.ROOT).contains("linux")
            && System.getProperty("os.arch").matches("amd64|x86_64");
    assertThat(status.nativeProvider()).as(status.toString()).isEqualTo(linuxX64);
    if (linuxX64) {
      assertThat(status.provider()).startsWith("AmazonCorrettoCryptoProvider 2.5");
      assertThat(Signature.getInstance("SHA256withRSA").getProvider().getName())
          .isEqualTo(accp.getName());
      assertThat(NativeCrypto.install(false)).as("once per JVM").isEqualTo(status);
    }
  }

  @Test
  void signaturesAreTheSameBytesAndVerifyAcrossProviders() throws Exception {
    KeyPairGenerator g = KeyPairGenerator.getInstance("RSA", jdkRsa);
    g.initialize(2048);
    KeyPair key = g.generateKeyPair();

    byte[] bySun = sign(jdkRsa, key);
    byte[] byNative = sign(accp, key);

    assertThat(byNative).isEqualTo(bySun);
    assertThat(verify(jdkRsa, key, byNative)).isTrue();
    assertThat(verify(accp, key, bySun)).isTrue();
    byNative[10] ^= 1;
    assertThat(verify(jdkRsa, key, byNative)).isFalse();
    assertThat(verify(accp, key, byNative)).isFalse();
  }

  @Test
  void aesGcmOfEitherProviderOpensWithTheOther() throws Exception {
    byte[] apiV3Key = new byte[32];
    byte[] nonce = new byte[12];
    new SecureRandom().nextBytes(apiV3Key);
    new SecureRandom().nextBytes(nonce);
    byte[] aad = "coupon".getBytes(StandardCharsets.UTF_8);

    byte[] sealedBySun = gcm(jdkAes, Cipher.ENCRYPT_MODE, apiV3Key, nonce, aad, MESSAGE);
    byte[] sealedByNative = gcm(accp, Cipher.ENCRYPT_MODE, apiV3Key, nonce, aad, MESSAGE);

    assertThat(sealedByNative).isEqualTo(sealedBySun);
    assertThat(gcm(accp, Cipher.DECRYPT_MODE, apiV3Key, nonce, aad, sealedBySun))
        .isEqualTo(MESSAGE);
    assertThat(gcm(jdkAes, Cipher.DECRYPT_MODE, apiV3Key, nonce, aad, sealedByNative))
        .isEqualTo(MESSAGE);
  }

  private static byte[] sign(Provider p, KeyPair key) throws Exception {
    Signature s = Signature.getInstance("SHA256withRSA", p);
    s.initSign(key.getPrivate());
    s.update(MESSAGE);
    return s.sign();
  }

  private static boolean verify(Provider p, KeyPair key, byte[] signature) throws Exception {
    Signature s = Signature.getInstance("SHA256withRSA", p);
    s.initVerify(key.getPublic());
    s.update(MESSAGE);
    return s.verify(signature);
  }

  private static byte[] gcm(
      Provider p, int mode, byte[] key, byte[] nonce, byte[] aad, byte[] input) throws Exception {
    Cipher c = Cipher.getInstance("AES/GCM/NoPadding", p);
    c.init(mode, new SecretKeySpec(key, "AES"), new GCMParameterSpec(128, nonce));
    c.updateAAD(aad);
    return c.doFinal(input);
  }
}
