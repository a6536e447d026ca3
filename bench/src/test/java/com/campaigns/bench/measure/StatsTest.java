package com.campaigns.bench.measure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class StatsTest {

  @Test
  void medianOfOddAndEvenCounts() {
    assertThat(Stats.median(List.of(3.0, 1.0, 2.0))).isEqualTo(2.0);
    assertThat(Stats.median(List.of(4, 1, 3, 2))).isEqualTo(2.5);
    assertThat(Stats.median(List.of(7L))).isEqualTo(7.0);
    assertThatThrownBy(() -> Stats.median(List.<Double>of()))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void eventsPerTenThousandCoupons() {
    assertThat(Stats.eventsPer10k(1_234, 1_000_000)).isCloseTo(12.34, within(1e-9));
    assertThat(Stats.eventsPer10k(60, 10_000)).isEqualTo(60.0);
    assertThatThrownBy(() -> Stats.eventsPer10k(10, 0))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void spreadIsTheWorstDeviationFromTheMedian() {
    assertThat(Stats.spreadAroundMedian(List.of(100, 105, 95))).isCloseTo(0.05, within(1e-9));
    assertThat(Stats.spreadAroundMedian(List.of(200L, 200L))).isZero();
    assertThat(Stats.spreadAroundMedian(List.of(100, 100, 130))).isCloseTo(0.30, within(1e-9));
  }

  @Test
  void windowsDropThePartialFirstAndLastSecondAndCountEmptySeconds() {
    List<Long> stamps = new ArrayList<>();
    add(stamps, 1000, 7); // partial: the wave started inside this second
    add(stamps, 1001, 50);
    add(stamps, 1002, 49);
    // 1003: no send at all (a stall)
    add(stamps, 1004, 51);
    add(stamps, 1005, 12); // partial: the wave ended inside this second
    Stats.Windows w = Stats.perSecond(50, stamps);
    assertThat(w.counts()).containsExactly(50, 49, 0, 51);
    assertThat(w.above()).isEqualTo(1);
    assertThat(w.withinTarget()).isEqualTo(2);
    assertThat(w.minPercent()).isZero();
    assertThat(w.maxPercent()).isEqualTo(102.0);
    assertThat(w.medianPercent()).isEqualTo(99.0);
  }

  @Test
  void ninetyFivePercentIsTheLowerEdgeOfTheTarget() {
    List<Long> stamps = new ArrayList<>();
    add(stamps, 10, 1);
    add(stamps, 11, 190); // 95 % of 200: inside
    add(stamps, 12, 189); // just below
    add(stamps, 13, 200); // exactly the rate: inside
    add(stamps, 14, 1);
    Stats.Windows w = Stats.perSecond(200, stamps);
    assertThat(w.withinTarget()).isEqualTo(2);
    assertThat(w.above()).isZero();
  }

  @Test
  void excessIsTheLargestLeadOverThePaceOfAnyRunOfWindows() {
    List<Long> stamps = new ArrayList<>();
    add(stamps, 0, 1);
    add(stamps, 1, 43); // a stall: 7 sends reach the sandbox one second late
    add(
        stamps, 2,
        57); // 7 above, but only catching up: no run of windows is ahead of the pace by more than 7
    add(stamps, 3, 52); // 2 more above: the run 2..3 is 9 ahead of 2 × 50
    add(stamps, 4, 50);
    add(stamps, 5, 1);
    Stats.Windows w = Stats.perSecond(50, stamps);
    assertThat(w.counts()).containsExactly(43, 57, 52, 50);
    assertThat(w.above()).isEqualTo(2);
    assertThat(w.maxExcess()).isEqualTo(9);
    assertThat(Stats.perSecond(50, List.of(0L, 1L, 1L, 2L)).maxExcess()).isZero();
  }

  @Test
  void tooShortAWaveHasNoFullWindow() {
    List<Long> stamps = new ArrayList<>();
    add(stamps, 5, 10);
    add(stamps, 6, 10);
    Stats.Windows w = Stats.perSecond(500, stamps);
    assertThat(w.counts()).isEmpty();
    assertThat(w.medianPercent()).isZero();
  }

  private static void add(List<Long> stamps, long second, int n) {
    for (int i = 0; i < n; i++) {
      stamps.add(second);
    }
  }
}
