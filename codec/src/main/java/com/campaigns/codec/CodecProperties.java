package com.campaigns.codec;

import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code campaigns.codec.*}: payload encryption, the same in the API and every worker.
 *
 * @param enabled false sends payloads to Temporal in clear (never in production: openids and
 *     merchant data then sit readable in every history)
 * @param activeKeyId the key new payloads are encrypted with
 * @param keys every key by id, each Base64 of 32 random bytes ({@code openssl rand -base64 32});
 *     keep old keys for as long as histories written with them must be read. Ids are lowercase
 *     letters, digits and dashes, so that they bind from the environment too ({@code
 *     CAMPAIGNS_CODEC_KEYS_K2026A})
 * @param requireEncrypted true refuses payloads in clear when decoding (a workflow task that meets
 *     one fails and retries until it is dealt with); set it once no history written before
 *     encryption is still read
 */
@ConfigurationProperties("campaigns.codec")
public record CodecProperties(
    @DefaultValue("true") boolean enabled,
    String activeKeyId,
    Map<String, String> keys,
    @DefaultValue("false") boolean requireEncrypted) {

  public CodecProperties {
    keys = keys == null ? Map.of() : Map.copyOf(keys);
    if (enabled) {
      if (activeKeyId == null || activeKeyId.isBlank()) {
        throw new IllegalArgumentException(
            "campaigns.codec.active-key-id is not set: payload encryption needs a"
                + " key (docs/security.md), or campaigns.codec.enabled=false");
      }
      if (!keys.containsKey(activeKeyId)) {
        throw new IllegalArgumentException(
            "campaigns.codec.keys."
                + activeKeyId
                + " (the active key) is not set (docs/security.md)");
      }
      keys.forEach((id, value) -> decode(id, value));
    }
  }

  /** The keys as bytes, validated. */
  public Map<String, byte[]> keyBytes() {
    Map<String, byte[]> out = new LinkedHashMap<>();
    keys.forEach((id, value) -> out.put(id, decode(id, value)));
    return out;
  }

  private static byte[] decode(String id, String value) {
    if (!id.matches("[a-z0-9][a-z0-9-]{0,31}")) {
      throw new IllegalArgumentException(
          "campaigns.codec.keys: the key id '"
              + id
              + "' must be 1 to 32 lowercase letters, digits or dashes");
    }
    byte[] key;
    try {
      key = Base64.getDecoder().decode(value == null ? "" : value.strip());
    } catch (IllegalArgumentException e) {
      // The value is a secret: never in the message.
      throw new IllegalArgumentException("campaigns.codec.keys." + id + " is not Base64");
    }
    if (key.length != AesGcmPayloadCodec.KEY_BYTES) {
      throw new IllegalArgumentException(
          "campaigns.codec.keys."
              + id
              + " must be Base64 of "
              + AesGcmPayloadCodec.KEY_BYTES
              + " bytes, not "
              + key.length);
    }
    return key;
  }

  /** Never the keys themselves. */
  @Override
  public String toString() {
    return "CodecProperties[enabled="
        + enabled
        + ", activeKeyId="
        + activeKeyId
        + ", keyIds="
        + keys.keySet()
        + ", requireEncrypted="
        + requireEncrypted
        + "]";
  }
}
