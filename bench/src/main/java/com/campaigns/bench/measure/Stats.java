package com.campaigns.bench.measure;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.TreeMap;

/** The arithmetic of the report: medians, per-second send windows, history density, flatness. */
public final class Stats {

  private Stats() {}

  /** The median (the mean of the two middle values for an even count). */
  public static double median(Collection<? extends Number> values) {
    if (values.isEmpty()) {
      throw new IllegalArgumentException("median of no values");
    }
    double[] sorted = values.stream().mapToDouble(Number::doubleValue).sorted().toArray();
    int mid = sorted.length / 2;
    return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
  }

  /** History events per 10 000 coupons issued. */
  public static double eventsPer10k(long events, long coupons) {
    if (coupons <= 0) {
      throw new IllegalArgumentException("no coupons issued");
    }
    return events * 10_000.0 / coupons;
  }

  /**
   * Largest deviation of a value from the values' median, as a fraction of that median: 0.1 means
   * every value lies within ±10 % of the median.
   */
  public static double spreadAroundMedian(Collection<? extends Number> values) {
    double median = median(values);
    double worst = 0;
    for (Number v : values) {
      worst = Math.max(worst, Math.abs(v.doubleValue() - median) / median);
    }
    return worst;
  }

  /**
   * Sends per one-second window of wall time, from the second stamps of every send (epoch seconds,
   * in any order). The first and the last second are dropped because the wave starts and ends
   * inside them; a second in between without any send counts as 0.
   */
  public static Windows perSecond(int configuredRate, Collection<Long> epochSeconds) {
    TreeMap<Long, Integer> bySecond = new TreeMap<>();
    for (long s : epochSeconds) {
      bySecond.merge(s, 1, Integer::sum);
    }
    List<Integer> counts = new ArrayList<>();
    if (bySecond.size() > 2) {
      for (long s = bySecond.firstKey() + 1; s < bySecond.lastKey(); s++) {
        counts.add(bySecond.getOrDefault(s, 0));
      }
    }
    return new Windows(configuredRate, List.copyOf(counts));
  }

  /** Full one-second windows of one wave and the rate it was configured with. */
  public record Windows(int configured, List<Integer> counts) {

    public double minPercent() {
      return percent(counts.stream().mapToInt(Integer::intValue).min().orElse(0));
    }

    public double medianPercent() {
      return counts.isEmpty() ? 0 : percent(median(counts));
    }

    public double maxPercent() {
      return percent(counts.stream().mapToInt(Integer::intValue).max().orElse(0));
    }

    /** Windows with more sends than configured. */
    public long above() {
      return counts.stream().filter(c -> c > configured).count();
    }

    /**
     * The most sends above the rate over any run of consecutive windows (0 if none): how far a
     * burst ever got ahead of the configured pace, as opposed to sends merely shifted between
     * neighbours.
     */
    public long maxExcess() {
      long best = 0;
      long run = 0;
      for (int c : counts) {
        run = Math.max(0, run + c - configured);
        best = Math.max(best, run);
      }
      return best;
    }

    /** Windows at 95 % to 100 % of the configured rate. */
    public long withinTarget() {
      return counts.stream().filter(c -> c <= configured && c >= 0.95 * configured).count();
    }

    private double percent(double count) {
      return 100.0 * count / configured;
    }
  }
}
