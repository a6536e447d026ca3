package com.campaigns.workflows.rules;

import static org.assertj.core.api.Assertions.assertThat;

import com.campaigns.workflows.model.ThresholdSpec;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BudgetGuardTest {

  static final List<ThresholdSpec> THRESHOLDS =
      List.of(
          new ThresholdSpec(ThresholdSpec.ISSUED_AMOUNT, 80.0, "manual", null),
          new ThresholdSpec(ThresholdSpec.USED_AMOUNT, 50.0, "next_day", null),
          new ThresholdSpec(ThresholdSpec.ISSUED_AMOUNT, 40.0, "after", "PT1H"));

  @ParameterizedTest
  @CsvSource({
    "500000,80,400000",
    "500000,33.333,166665",
    "1000,0.01,0",
    "999,50,499",
    "500000,100,500000"
  })
  void thresholdAmountRoundsDownToWholeFen(long budget, double percent, long expected) {
    assertThat(BudgetGuard.thresholdAmount(budget, percent)).isEqualTo(expected);
  }

  @ParameterizedTest
  @CsvSource({"400000,500,800", "400001,500,801", "0,500,0", "1,500,1"})
  void issuedCountIsTheFirstCountReachingTheThreshold(long amount, long face, long count) {
    assertThat(BudgetGuard.issuedCountAt(amount, face)).isEqualTo(count);
  }

  @Test
  void issuedCapIsTheLowestUnfiredIssuedThreshold() {
    assertThat(BudgetGuard.issuedCap(THRESHOLDS, List.of(false, false, false), 500_000, 500))
        .isEqualTo(400);
    assertThat(BudgetGuard.issuedCap(THRESHOLDS, List.of(false, false, true), 500_000, 500))
        .isEqualTo(800);
    assertThat(BudgetGuard.issuedCap(THRESHOLDS, List.of(true, false, true), 500_000, 500))
        .isEqualTo(Long.MAX_VALUE);
  }

  @Test
  void pausesStockWhenIssuedAmountReachesThreshold() {
    assertThat(BudgetGuard.crossed(THRESHOLDS, List.of(false, false, false), 500_000, 199_500, 0))
        .isEmpty();
    assertThat(BudgetGuard.crossed(THRESHOLDS, List.of(false, false, false), 500_000, 200_000, 0))
        .containsExactly(2);
    assertThat(
            BudgetGuard.crossed(THRESHOLDS, List.of(false, false, true), 500_000, 400_000, 250_000))
        .containsExactly(0, 1);
  }

  @Test
  void firedThresholdsNeverFireAgain() {
    assertThat(
            BudgetGuard.crossed(THRESHOLDS, List.of(true, true, true), 500_000, 500_000, 500_000))
        .isEmpty();
  }

  @Test
  void percentOfRoundsToTwoDecimals() {
    assertThat(BudgetGuard.percentOf(600_000, 50_000_000)).isEqualTo(1.2);
    assertThat(BudgetGuard.percentOf(1, 3)).isEqualTo(33.33);
    assertThat(BudgetGuard.percentOf(5, 0)).isZero();
  }
}
