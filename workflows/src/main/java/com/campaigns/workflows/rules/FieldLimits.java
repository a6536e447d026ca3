package com.campaigns.workflows.rules;

import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;

/**
 * The numeric limits of the spec's fields, named once so that the validator's checks and the
 * reader's type errors quote the same figures, and which fields are amounts in fen.
 */
public final class FieldLimits {

  public static final long COUPON_AMOUNT_MIN = 10;
  public static final long COUPON_AMOUNT_MAX = 100_000;
  public static final long TRANSACTION_MINIMUM_MIN = 10;
  public static final long TRANSACTION_MINIMUM_MAX = 10_000_000;
  public static final long MAX_COUPONS_MAX = 1_000_000_000L;

  private static final Map<String, Long> MAXIMA =
      Map.of(
          "coupon_amount", COUPON_AMOUNT_MAX,
          "transaction_minimum", TRANSACTION_MINIMUM_MAX,
          "max_coupons", MAX_COUPONS_MAX,
          "max_coupons_per_user", MAX_COUPONS_MAX,
          "rate_per_second", (long) SpecValidator.MAX_RATE_PER_SECOND);

  private static final Set<String> FEN =
      Set.of("coupon_amount", "transaction_minimum", "max_amount", "max_amount_by_day");

  private FieldLimits() {}

  /** The largest value a field named so may hold, when the rules give one. */
  public static OptionalLong maximum(String fieldName) {
    Long max = MAXIMA.get(fieldName);
    return max == null ? OptionalLong.empty() : OptionalLong.of(max);
  }

  /** Whether a field named so is an amount in fen (分). */
  public static boolean inFen(String fieldName) {
    return FEN.contains(fieldName);
  }

  /** {@code 500} → {@code ¥5.00}. */
  public static String yuan(long fen) {
    return (fen < 0 ? "-¥" : "¥")
        + Math.abs(fen) / 100
        + "."
        + String.format("%02d", Math.abs(fen) % 100);
  }
}
