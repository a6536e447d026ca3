package com.campaigns.starter;

import com.campaigns.starter.security.ApiTokens;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
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

  /** The Temporal Web UI's identity provider in tests: its issuer and signing key. */
  public static final String OIDC_ISSUER = "https://idp.test.example";

  public static final String OIDC_AUDIENCE = "temporal-ui";

  /** Users in this group may decode payloads from the Web UI. */
  public static final String OIDC_CODEC_GROUP = "campaigns-ops";

  public static final KeyPair OIDC_KEY = rsaKeyPair();

  private TestTokens() {}

  /** An access token as the identity provider would sign it for the Web UI's user. */
  public static String accessToken(
      KeyPair key, String issuer, String user, List<String> groups, Instant expires) {
    try {
      JWTClaimsSet claims =
          new JWTClaimsSet.Builder()
              .issuer(issuer)
              .subject("sub-" + user)
              .claim("preferred_username", user)
              .audience(OIDC_AUDIENCE)
              .claim("groups", groups)
              .issueTime(Date.from(expires.minusSeconds(3600)))
              .expirationTime(Date.from(expires))
              .build();
      SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.RS256), claims);
      jwt.sign(new RSASSASigner(key.getPrivate()));
      return jwt.serialize();
    } catch (JOSEException e) {
      throw new IllegalStateException(e);
    }
  }

  public static KeyPair rsaKeyPair() {
    try {
      KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
      g.initialize(2048);
      return g.generateKeyPair();
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The identity provider's public key as a PEM file, for web-ui-oidc.public-key-location. */
  private static String oidcPublicKeyLocation() {
    try {
      Path pem = Files.createTempFile("idp-", ".pem");
      pem.toFile().deleteOnExit();
      Files.writeString(
          pem,
          "-----BEGIN PUBLIC KEY-----\n"
              + Base64.getMimeEncoder().encodeToString(OIDC_KEY.getPublic().getEncoded())
              + "\n-----END PUBLIC KEY-----\n");
      return pem.toUri().toString();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

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
    p.put("campaigns.security.web-ui-oidc.issuer", OIDC_ISSUER);
    p.put("campaigns.security.web-ui-oidc.public-key-location", oidcPublicKeyLocation());
    p.put("campaigns.security.web-ui-oidc.audience", OIDC_AUDIENCE);
    p.put("campaigns.security.web-ui-oidc.codec-values", OIDC_CODEC_GROUP);
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
