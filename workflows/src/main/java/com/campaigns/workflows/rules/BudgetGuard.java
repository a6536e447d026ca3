package com.campaigns.workflows.rules;

import com.campaigns.workflows.model.ThresholdSpec;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;

/**
 * Budget thresholds in fen. Issued-amount thresholds are enforced exactly: issuance is capped at
 * the count whose amount first reaches the threshold, so it never overshoots. Used-amount
 * thresholds are checked whenever redemptions are reported.
 */
public final class BudgetGuard {

  private BudgetGuard() {}

  /** {@code percent} of the budget, rounded down to a whole fen. */
  public static long thresholdAmount(long budget, double percent) {
    return BigDecimal.valueOf(budget)
        .multiply(BigDecimal.valueOf(percent))
        .divide(BigDecimal.valueOf(100), 0, RoundingMode.FLOOR)
        .longValueExact();
  }

  /** The smallest issued count whose amount reaches {@code thresholdAmount}. */
  public static long issuedCountAt(long thresholdAmount, long couponAmount) {
    if (thresholdAmount <= 0) {
      return 0;
    }
    return (thresholdAmount + couponAmount - 1) / couponAmount;
  }

  /**
   * The total issued count issuance may reach before the next unfired issued-amount threshold
   * fires; {@code Long.MAX_VALUE} when none is left.
   */
  public static long issuedCap(
      List<ThresholdSpec> thresholds, List<Boolean> fired, long budget, long couponAmount) {
    long cap = Long.MAX_VALUE;
    for (int i = 0; i < thresholds.size(); i++) {
      ThresholdSpec t = thresholds.get(i);
      if (ThresholdSpec.ISSUED_AMOUNT.equals(t.metric()) && !fired.get(i)) {
        cap = Math.min(cap, issuedCountAt(thresholdAmount(budget, t.percent()), couponAmount));
      }
    }
    return cap;
  }

  /** Indices of unfired thresholds that the given amounts reach, in spec order. */
  public static List<Integer> crossed(
      List<ThresholdSpec> thresholds,
      List<Boolean> fired,
      long budget,
      long issuedAmount,
      long usedAmount) {
    List<Integer> out = new ArrayList<>();
    for (int i = 0; i < thresholds.size(); i++) {
      if (fired.get(i)) {
        continue;
      }
      ThresholdSpec t = thresholds.get(i);
      long value = ThresholdSpec.ISSUED_AMOUNT.equals(t.metric()) ? issuedAmount : usedAmount;
      if (value >= thresholdAmount(budget, t.percent())) {
        out.add(i);
      }
    }
    return out;
  }

  /** Percent of the budget, rounded to two decimals for display. */
  public static double percentOf(long amount, long budget) {
    if (budget <= 0) {
      return 0;
    }
    return BigDecimal.valueOf(amount)
        .multiply(BigDecimal.valueOf(100))
        .divide(BigDecimal.valueOf(budget), 2, RoundingMode.HALF_UP)
        .doubleValue();
  }
}
