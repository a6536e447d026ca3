package com.campaigns.sandbox.protocol;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * AEAD_AES_256_GCM with the merchant's APIv3 key, as used for {@code /v3/certificates} payloads and
 * notification resources: key and nonce are UTF-8 bytes, the output is Base64(ciphertext‖tag).
 */
public final class AeadCipher {

  public static final String ALGORITHM = "AEAD_AES_256_GCM";

  private AeadCipher() {}

  public static String encrypt(
      String apiV3Key, String nonce, String associatedData, byte[] plaintext) {
    try {
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(
          Cipher.ENCRYPT_MODE,
          new SecretKeySpec(apiV3Key.getBytes(StandardCharsets.UTF_8), "AES"),
          new GCMParameterSpec(128, nonce.getBytes(StandardCharsets.UTF_8)));
      cipher.updateAAD(associatedData.getBytes(StandardCharsets.UTF_8));
      return Base64.getEncoder().encodeToString(cipher.doFinal(plaintext));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM encryption failed", e);
    }
  }
}
