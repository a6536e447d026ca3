package com.campaigns.cli.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;

/**
 * The API's bearer tokens for one stack, fresh and random at every start: the marketer's (API,
 * console, demo), the ops one (steering, metrics, callbacks and approvals: one person runs the
 * local stack) and the codec one, the only token in the Web UI's codec URL, which opens nothing but
 * the codec. The API only gets their SHA-256 ({@code campaigns.security.tokens[i].*},
 * docs/security.md).
 */
public record Tokens(String name, String marketer, String ops, String codec) {

  public static final String MARKETER_FILE = "local-token";
  public static final String OPS_FILE = "local-ops-token";
  public static final String CODEC_FILE = "local-codec-token";

  /** Three new tokens, named {@code name}, {@code name-ops} and {@code name-codec}. */
  public static Tokens random(String name) {
    return new Tokens(name, randomHex(), randomHex(), randomHex());
  }

  /** The API's command-line settings: names, roles and SHA-256 of the tokens. */
  public List<String> apiArgs() {
    return List.of(
        "--campaigns.security.tokens[0].name=" + name,
        "--campaigns.security.tokens[0].role=marketer",
        "--campaigns.security.tokens[0].sha256=" + sha256(marketer),
        "--campaigns.security.tokens[1].name=" + name + "-ops",
        "--campaigns.security.tokens[1].roles=ops,admin,approver",
        "--campaigns.security.tokens[1].sha256=" + sha256(ops),
        "--campaigns.security.tokens[2].name=" + name + "-codec",
        "--campaigns.security.tokens[2].role=codec",
        "--campaigns.security.tokens[2].sha256=" + sha256(codec));
  }

  /**
   * Writes them into {@code dir} ({@value #MARKETER_FILE}, {@value #OPS_FILE}, {@value
   * #CODEC_FILE}), readable by the owner only.
   */
  public void writeTo(Path dir) {
    try {
      Files.createDirectories(dir);
      write(dir.resolve(MARKETER_FILE), marketer);
      write(dir.resolve(OPS_FILE), ops);
      write(dir.resolve(CODEC_FILE), codec);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static String sha256(String token) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(digest.digest(token.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void write(Path file, String token) throws IOException {
    Files.deleteIfExists(file);
    Files.createFile(
        file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    Files.writeString(file, token);
  }

  private static String randomHex() {
    byte[] bytes = new byte[32];
    new SecureRandom().nextBytes(bytes);
    return HexFormat.of().formatHex(bytes);
  }
}
