package com.campaigns.sandbox.crypto;

import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Random strings for nonces, request ids and tokens (not secrets: a sandbox needs no CSPRNG here).
 */
public final class Nonces {

  private static final String ALPHANUMERIC =
      "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

  private Nonces() {}

  public static String hex(int bytes) {
    byte[] b = new byte[bytes];
    ThreadLocalRandom.current().nextBytes(b);
    return HexFormat.of().withUpperCase().formatHex(b);
  }

  public static String alphanumeric(int length) {
    StringBuilder s = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      s.append(ALPHANUMERIC.charAt(ThreadLocalRandom.current().nextInt(ALPHANUMERIC.length())));
    }
    return s.toString();
  }

  public static String digits(int length) {
    StringBuilder s = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      s.append((char) ('0' + ThreadLocalRandom.current().nextInt(10)));
    }
    return s.toString();
  }
}
