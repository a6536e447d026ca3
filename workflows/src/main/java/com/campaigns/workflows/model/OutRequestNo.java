package com.campaigns.workflows.model;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;

/**
 * WeChat Pay's idempotency keys (商户单据号), derived, never random: the same campaign, wave and openid
 * always give the same key, so any retry or resume is a repeat of the same request. The format
 * follows the recommended "merchant id + date + serial" within the allowed charset ({@code
 * [0-9A-Za-z|_*-]}, at most 128 characters): digits of the mchid, the campaign's start day, then
 * Base32 hashes.
 */
public final class OutRequestNo {

  private static final char[] BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567".toCharArray();
  private static final DateTimeFormatter DAY = DateTimeFormatter.BASIC_ISO_DATE;

  private OutRequestNo() {}

  /**
   * A key unique to one campaign run chain: the campaign id alone is not enough because the same id
   * may be used by another deployment for the same merchant.
   */
  public static String campaignKey(String mchid, String campaignId, String firstRunId) {
    return base32Hash(mchid + "|" + campaignId + "|" + firstRunId, 10);
  }

  /** The create-stock key of a campaign. */
  public static String forStock(String mchid, LocalDate day, String campaignKey) {
    return mchid + DAY.format(day) + "S" + campaignKey;
  }

  /** The common prefix of every send-coupon key of a campaign. */
  public static String couponPrefix(String mchid, LocalDate day, String campaignKey) {
    return mchid + DAY.format(day) + "C" + campaignKey;
  }

  /** The send-coupon key of one recipient of one wave. */
  public static String forCoupon(String prefix, int waveIndex, String openid) {
    return prefix + "W" + waveIndex + base32Hash(prefix + "|" + waveIndex + "|" + openid, 16);
  }

  public static boolean isValid(String value) {
    return value != null
        && !value.isEmpty()
        && value.length() <= 128
        && value.chars().allMatch(OutRequestNo::allowed);
  }

  private static boolean allowed(int c) {
    return (c >= '0' && c <= '9')
        || (c >= 'A' && c <= 'Z')
        || (c >= 'a' && c <= 'z')
        || c == '|'
        || c == '_'
        || c == '*'
        || c == '-';
  }

  private static String base32Hash(String input, int length) {
    byte[] digest = sha256(input);
    StringBuilder out = new StringBuilder(length);
    long buffer = 0;
    int bits = 0;
    int index = 0;
    while (out.length() < length) {
      if (bits < 5) {
        buffer = (buffer << 8) | (digest[index++] & 0xff);
        bits += 8;
      }
      out.append(BASE32[(int) ((buffer >> (bits - 5)) & 31)]);
      bits -= 5;
    }
    return out.toString();
  }

  private static byte[] sha256(String input) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(input.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required by the JDK", e);
    }
  }
}
