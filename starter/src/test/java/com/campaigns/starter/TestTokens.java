package com.campaigns.starter;

import com.campaigns.starter.security.ApiTokens;
import java.util.HashMap;
import java.util.Map;

/**
 * One API token per role for the test stack ({@link StackInitializer} configures their SHA-256), a
 * token limited to merchant {@value #SCOPED_MCHID}, and the codec key the test stack encrypts
 * payloads with.
 */
public final class TestTokens {

  public static final String MARKETER = "tm-3c1d0f7e2b9a4c55a0e1f2d3c4b5a697";
  public static final String OPS = "to-9f8e7d6c5b4a39281706f5e4d3c2b1a0";
  public static final String VIEWER = "tv-00112233445566778899aabbccddeeff";
  public static final String APPROVER = "ta-5a4b3c2d1e0f99887766554433221100";
  public static final String ADMIN = "td-0f1e2d3c4b5a69788796a5b4c3d2e1f0";
  public static final String CODEC = "tc-77665544332211000011223344556677";
  public static final String METRICS = "tx-abcdefabcdefabcdef0123456789abcd";

  /** Every person's role (marketer, approver, ops, admin, viewer), for merchant 1900000002 only. */
  public static final String SCOPED = "tk-13579bdf02468ace13579bdf02468ace";

  public static final String SCOPED_MCHID = "1900000002";

  public static final String MARKETER_NAME = "test-marketer";
  public static final String OPS_NAME = "test-ops";
  public static final String VIEWER_NAME = "test-viewer";
  public static final String APPROVER_NAME = "test-approver";
  public static final String ADMIN_NAME = "test-admin";
  public static final String CODEC_NAME = "test-codec";
  public static final String METRICS_NAME = "test-metrics";
  public static final String SCOPED_NAME = "test-agency";

  /** Base64 of 32 bytes; test only. */
  public static final String CODEC_KEY_ID = "test-k1";

  public static final String CODEC_KEY = "dtcKCz9EOZLmzs/vHXLfThMSG3+l17+3nSJzCeOeCsU=";

  private TestTokens() {}

  /**
   * The {@code campaigns.security.*} and {@code campaigns.codec.*} properties of the test stack.
   */
  static Map<String, Object> properties() {
    Map<String, Object> p = new HashMap<>();
    token(p, 0, MARKETER_NAME, "marketer", MARKETER);
    token(p, 1, OPS_NAME, "ops", OPS);
    token(p, 2, VIEWER_NAME, "viewer", VIEWER);
    token(p, 3, APPROVER_NAME, "approver", APPROVER);
    token(p, 4, ADMIN_NAME, "admin", ADMIN);
    token(p, 5, CODEC_NAME, "codec", CODEC);
    token(p, 6, METRICS_NAME, "metrics", METRICS);
    p.put("campaigns.security.tokens[7].name", SCOPED_NAME);
    p.put("campaigns.security.tokens[7].roles", "marketer,approver,ops,admin,viewer");
    p.put("campaigns.security.tokens[7].mchids", SCOPED_MCHID);
    p.put("campaigns.security.tokens[7].sha256", ApiTokens.sha256Hex(SCOPED));
    p.put("campaigns.codec.active-key-id", CODEC_KEY_ID);
    p.put("campaigns.codec.keys." + CODEC_KEY_ID, CODEC_KEY);
    return p;
  }

  private static void token(Map<String, Object> p, int i, String name, String role, String token) {
    p.put("campaigns.security.tokens[" + i + "].name", name);
    p.put("campaigns.security.tokens[" + i + "].role", role);
    p.put("campaigns.security.tokens[" + i + "].sha256", ApiTokens.sha256Hex(token));
  }
}
