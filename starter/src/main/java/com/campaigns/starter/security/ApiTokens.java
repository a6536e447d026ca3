package com.campaigns.starter.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * The configured tokens. A presented token is hashed and compared with every configured hash in
 * constant time ({@link MessageDigest#isEqual}), all of them each time, so neither the answer time
 * nor the order of the entries tells anything about a token.
 */
public final class ApiTokens {

  /** A token longer than this is refused before it is hashed. */
  static final int MAX_TOKEN_LENGTH = 512;

  private record Entry(byte[] sha256, ApiUser user) {}

  private final List<Entry> entries;

  public ApiTokens(SecurityProperties properties) {
    this.entries =
        properties.tokens().stream()
            .map(t -> new Entry(HexFormat.of().parseHex(t.sha256()), t.user()))
            .toList();
  }

  public boolean isEmpty() {
    return entries.isEmpty();
  }

  /** The user whose token this is, if any. */
  public Optional<ApiUser> authenticate(String token) {
    if (token == null || token.isEmpty() || token.length() > MAX_TOKEN_LENGTH) {
      return Optional.empty();
    }
    byte[] presented = sha256(token);
    ApiUser found = null;
    for (Entry e : entries) {
      if (MessageDigest.isEqual(e.sha256(), presented) && found == null) {
        found = e.user();
      }
    }
    return Optional.ofNullable(found);
  }

  /**
   * Lowercase hex SHA-256 of the token's UTF-8 bytes: what {@code
   * campaigns.security.tokens[].sha256} holds.
   */
  public static String sha256Hex(String token) {
    return HexFormat.of().formatHex(sha256(token));
  }

  private static byte[] sha256(String token) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
