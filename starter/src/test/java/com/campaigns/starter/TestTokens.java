package com.campaigns.starter;

import com.campaigns.starter.security.ApiTokens;
import java.util.Map;

/**
 * One API token per role for the test stack ({@link StackInitializer} configures their SHA-256),
 * and the codec key the test stack encrypts payloads with.
 */
public final class TestTokens {

  public static final String MARKETER = "tm-3c1d0f7e2b9a4c55a0e1f2d3c4b5a697";
  public static final String OPS = "to-9f8e7d6c5b4a39281706f5e4d3c2b1a0";
  public static final String VIEWER = "tv-00112233445566778899aabbccddeeff";

  public static final String MARKETER_NAME = "test-marketer";
  public static final String OPS_NAME = "test-ops";
  public static final String VIEWER_NAME = "test-viewer";

  /** Base64 of 32 bytes; test only. */
  public static final String CODEC_KEY_ID = "test-k1";

  public static final String CODEC_KEY = "dtcKCz9EOZLmzs/vHXLfThMSG3+l17+3nSJzCeOeCsU=";

  private TestTokens() {}

  /**
   * The {@code campaigns.security.*} and {@code campaigns.codec.*} properties of the test stack.
   */
  static Map<String, Object> properties() {
    java.util.Map<String, Object> p =
        new java.util.HashMap<>(
            Map.of(
                "campaigns.security.tokens[0].name",
                MARKETER_NAME,
                "campaigns.security.tokens[0].role",
                "marketer",
                "campaigns.security.tokens[0].sha256",
                ApiTokens.sha256Hex(MARKETER),
                "campaigns.security.tokens[1].name",
                OPS_NAME,
                "campaigns.security.tokens[1].role",
                "ops",
                "campaigns.security.tokens[1].sha256",
                ApiTokens.sha256Hex(OPS),
                "campaigns.security.tokens[2].name",
                VIEWER_NAME,
                "campaigns.security.tokens[2].role",
                "viewer",
                "campaigns.security.tokens[2].sha256",
                ApiTokens.sha256Hex(VIEWER)));
    p.put("campaigns.codec.active-key-id", CODEC_KEY_ID);
    p.put("campaigns.codec.keys." + CODEC_KEY_ID, CODEC_KEY);
    return p;
  }
}
