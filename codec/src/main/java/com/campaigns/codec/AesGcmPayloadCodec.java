package com.campaigns.codec;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import io.temporal.api.common.v1.Payload;
import io.temporal.payload.codec.PayloadCodec;
import io.temporal.payload.codec.PayloadCodecException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Encrypts every Temporal payload (workflow and activity inputs and results, signals, updates,
 * queries, memos, failure messages) with AES-256-GCM, so openids, merchant ids and WeChat Pay
 * answers are not readable in a workflow's history without the key.
 *
 * <p>The whole serialized payload, its metadata included, becomes the ciphertext of a new payload
 * with {@code encoding=binary/encrypted}, {@code encryption-cipher=AES/GCM/NoPadding} and {@code
 * encryption-key-id}; the data is a fresh 12-byte nonce followed by the ciphertext and its 128-bit
 * tag. The key id is also the additional authenticated data, so a payload cannot be passed off as
 * encrypted under another key. Rotation: add a key and make it active; payloads written under older
 * keys keep decoding as long as their key stays configured. Payloads that are not encrypted
 * (written before encryption was turned on, or search attributes) pass through decode unchanged,
 * unless {@code campaigns.codec.require-encrypted} is set: then decode refuses them, so a payload
 * injected in clear (a signal sent without the codec) fails the workflow task loudly instead of
 * being acted on. Thread-safe.
 */
public final class AesGcmPayloadCodec implements PayloadCodec {

  public static final String ENCODING = "binary/encrypted";
  public static final String CIPHER = "AES/GCM/NoPadding";
  public static final String METADATA_ENCODING = "encoding";
  public static final String METADATA_CIPHER = "encryption-cipher";
  public static final String METADATA_KEY_ID = "encryption-key-id";

  static final int NONCE_BYTES = 12;
  static final int TAG_BITS = 128;
  static final int KEY_BYTES = 32;

  private static final ByteString ENCODING_BYTES = ByteString.copyFromUtf8(ENCODING);
  private static final ByteString CIPHER_BYTES = ByteString.copyFromUtf8(CIPHER);

  private final Map<String, SecretKey> keys;
  private final String activeKeyId;
  private final ByteString activeKeyIdBytes;
  private final boolean requireEncrypted;
  private final SecureRandom random = new SecureRandom();

  /**
   * A codec that decodes payloads in clear unchanged.
   *
   * @param keys every key that may have encrypted a stored payload, by id (32 bytes each)
   * @param activeKeyId the key new payloads are encrypted with; one of {@code keys}
   */
  public AesGcmPayloadCodec(Map<String, byte[]> keys, String activeKeyId) {
    this(keys, activeKeyId, false);
  }

  /**
   * @param keys every key that may have encrypted a stored payload, by id (32 bytes each)
   * @param activeKeyId the key new payloads are encrypted with; one of {@code keys}
   * @param requireEncrypted true refuses to decode a payload that is not encrypted
   */
  public AesGcmPayloadCodec(
      Map<String, byte[]> keys, String activeKeyId, boolean requireEncrypted) {
    Objects.requireNonNull(activeKeyId, "activeKeyId");
    if (!keys.containsKey(activeKeyId)) {
      throw new IllegalArgumentException("the active key id " + activeKeyId + " has no key");
    }
    java.util.HashMap<String, SecretKey> copy = new java.util.HashMap<>();
    keys.forEach(
        (id, key) -> {
          if (key == null || key.length != KEY_BYTES) {
            throw new IllegalArgumentException(
                "key " + id + " must be " + KEY_BYTES + " bytes (AES-256)");
          }
          copy.put(id, new SecretKeySpec(key, "AES"));
        });
    this.keys = Map.copyOf(copy);
    this.activeKeyId = activeKeyId;
    this.activeKeyIdBytes = ByteString.copyFromUtf8(activeKeyId);
    this.requireEncrypted = requireEncrypted;
  }

  public String activeKeyId() {
    return activeKeyId;
  }

  @Override
  public List<Payload> encode(List<Payload> payloads) {
    List<Payload> out = new ArrayList<>(payloads.size());
    for (Payload payload : payloads) {
      out.add(encrypt(payload));
    }
    return out;
  }

  /**
   * Decrypts encrypted payloads; one in clear is returned unchanged, or refused with {@code
   * require-encrypted}.
   *
   * @throws PayloadCodecException for an unknown key id, tampered data, or a payload in clear when
   *     encryption is required
   */
  @Override
  public List<Payload> decode(List<Payload> payloads) {
    List<Payload> out = new ArrayList<>(payloads.size());
    for (Payload payload : payloads) {
      if (isEncrypted(payload)) {
        out.add(decrypt(payload));
      } else if (requireEncrypted) {
        throw new PayloadCodecException(
            "a payload is not encrypted (encoding '"
                + payload.getMetadataOrDefault(METADATA_ENCODING, ByteString.EMPTY).toStringUtf8()
                + "') and campaigns.codec.require-encrypted is true: it was written without"
                + " the codec (docs/security.md)");
      } else {
        out.add(payload);
      }
    }
    return out;
  }

  /**
   * Decodes for reading only (the codec endpoint of the Web UI and CLI): payloads in clear are
   * shown as they are whatever {@code require-encrypted} says, since showing them to ops acts on
   * nothing.
   */
  public List<Payload> decodeForReading(List<Payload> payloads) {
    List<Payload> out = new ArrayList<>(payloads.size());
    for (Payload payload : payloads) {
      out.add(isEncrypted(payload) ? decrypt(payload) : payload);
    }
    return out;
  }

  public boolean requiresEncrypted() {
    return requireEncrypted;
  }

  /** True when the payload was written by this codec (whatever its key). */
  public static boolean isEncrypted(Payload payload) {
    return ENCODING_BYTES.equals(payload.getMetadataOrDefault(METADATA_ENCODING, ByteString.EMPTY));
  }

  private Payload encrypt(Payload payload) {
    byte[] nonce = new byte[NONCE_BYTES];
    random.nextBytes(nonce);
    byte[] sealed;
    try {
      Cipher cipher = Cipher.getInstance(CIPHER);
      cipher.init(
          Cipher.ENCRYPT_MODE, keys.get(activeKeyId), new GCMParameterSpec(TAG_BITS, nonce));
      cipher.updateAAD(activeKeyId.getBytes(StandardCharsets.UTF_8));
      sealed = cipher.doFinal(payload.toByteArray());
    } catch (GeneralSecurityException e) {
      throw new PayloadCodecException(e);
    }
    byte[] data = ByteBuffer.allocate(NONCE_BYTES + sealed.length).put(nonce).put(sealed).array();
    return Payload.newBuilder()
        .putMetadata(METADATA_ENCODING, ENCODING_BYTES)
        .putMetadata(METADATA_CIPHER, CIPHER_BYTES)
        .putMetadata(METADATA_KEY_ID, activeKeyIdBytes)
        .setData(ByteString.copyFrom(data))
        .build();
  }

  private Payload decrypt(Payload payload) {
    String keyId = payload.getMetadataOrDefault(METADATA_KEY_ID, ByteString.EMPTY).toStringUtf8();
    SecretKey key = keys.get(keyId);
    if (key == null) {
      throw new PayloadCodecException(
          "no key with id '" + keyId + "' is configured (campaigns.codec.keys)");
    }
    String cipherName = payload.getMetadataOrDefault(METADATA_CIPHER, CIPHER_BYTES).toStringUtf8();
    if (!CIPHER.equals(cipherName)) {
      throw new PayloadCodecException("unsupported cipher '" + cipherName + "'");
    }
    byte[] data = payload.getData().toByteArray();
    if (data.length < NONCE_BYTES + TAG_BITS / 8) {
      throw new PayloadCodecException("an encrypted payload is too short");
    }
    try {
      Cipher cipher = Cipher.getInstance(CIPHER);
      cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, data, 0, NONCE_BYTES));
      cipher.updateAAD(keyId.getBytes(StandardCharsets.UTF_8));
      return Payload.parseFrom(cipher.doFinal(data, NONCE_BYTES, data.length - NONCE_BYTES));
    } catch (GeneralSecurityException e) {
      throw new PayloadCodecException(
          "a payload encrypted with key '"
              + keyId
              + "' does not decrypt (wrong key or"
              + " tampered data)",
          e);
    } catch (InvalidProtocolBufferException e) {
      throw new PayloadCodecException("a decrypted payload is not a Temporal payload", e);
    }
  }

  @Override
  public String toString() {
    return "AesGcmPayloadCodec[activeKeyId="
        + activeKeyId
        + ", keyIds="
        + keys.keySet()
        + ", requireEncrypted="
        + requireEncrypted
        + "]";
  }
}
