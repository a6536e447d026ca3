package com.campaigns.workflows.rules;

import com.campaigns.workflows.model.CampaignSpec;
import com.campaigns.workflows.model.SnakeCaseNonNull;
import com.campaigns.workflows.model.ThresholdSpec;
import com.campaigns.workflows.model.WaveSpec;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;
import java.util.stream.IntStream;

/**
 * Turns a valid spec into the plan the marketer sees and the workflow follows: waves in start order
 * (a wave whose start arrives while an earlier one still issues waits for it, so one openid is
 * never sent to twice at once), segments of each wave, thresholds in fen.
 */
public final class WavePlanner {

  private WavePlanner() {}

  /** A half-open range of audience positions issued by one IssueCoupons activity. */
  public record Segment(int index, long fromSeq, long toSeq) {}

  /** Wave indices (positions in the spec) in the order they run: by start time, then spec order. */
  public static List<Integer> runOrder(List<WaveSpec> waves) {
    return IntStream.range(0, waves.size())
        .boxed()
        .sorted(
            Comparator.comparing(
                    (Integer i) -> ShanghaiTime.parse(waves.get(i).startAt()).orElse(Instant.MAX))
                .thenComparing(i -> i))
        .toList();
  }

  public static List<Segment> segments(long recipients, int segmentSize) {
    List<Segment> out = new ArrayList<>();
    int index = 0;
    for (long from = 0; from < recipients; from += segmentSize) {
      out.add(new Segment(index++, from, Math.min(recipients, from + segmentSize)));
    }
    return out;
  }

  /**
   * How long the {@code k}-th of the segments launched together into an idle wave waits before its
   * first send, in units of one segment's time at the wave's full rate: {@code k / parallelism}.
   * The first one runs alone until it is that far ahead, so the round ends one segment at a time
   * and the segment still running carries the rate while the next one starts.
   */
  public static double stagger(int k, int parallelism) {
    return parallelism <= 1 ? 0 : (double) (k % parallelism) / parallelism;
  }

  public static int segmentCount(long recipients, int segmentSize) {
    return (int) ((recipients + segmentSize - 1) / segmentSize);
  }

  /** The effective send rate of a wave: its own, capped by the merchant's ceiling. */
  public static int rate(WaveSpec wave, int merchantRateLimit) {
    return wave.ratePerSecond() == null
        ? merchantRateLimit
        : Math.min(wave.ratePerSecond(), merchantRateLimit);
  }

  /** The plan returned by the validate call. */
  @SnakeCaseNonNull
  public record Plan(
      long maxAmount,
      long couponAmount,
      long maxCoupons,
      String activationAt,
      List<PlannedWave> waves,
      List<PlannedThreshold> thresholds,
      long totalRecipients,
      String flowsReadyAt,
      List<String> warnings) {}

  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  public record PlannedWave(
      String name,
      String startAt,
      long recipients,
      int ratePerSecond,
      int segments,
      long estimatedSeconds) {}

  @SnakeCaseNonNull
  public record PlannedThreshold(
      String metric,
      double percent,
      long amount,
      Long issuedCount,
      String resume,
      String resumeAfter) {}

  /** Builds the plan of a spec that passed {@link SpecValidator}. */
  public static Plan plan(
      CampaignSpec spec,
      Function<Integer, Long> recipientsOfWave,
      int segmentSize,
      int merchantRateLimit,
      Duration activationLead) {
    var stock = spec.stock();
    long budget = stock.budget();
    Instant begin = ShanghaiTime.parse(stock.availableBeginTime()).orElseThrow();
    Instant end = ShanghaiTime.parse(stock.availableEndTime()).orElseThrow();
    List<PlannedWave> waves = new ArrayList<>();
    long total = 0;
    for (int index : runOrder(spec.waves())) {
      WaveSpec wave = spec.waves().get(index);
      long recipients = recipientsOfWave.apply(index);
      total += recipients;
      int rate = rate(wave, merchantRateLimit);
      waves.add(
          new PlannedWave(
              wave.name(),
              wave.startAt(),
              recipients,
              rate,
              segmentCount(recipients, segmentSize),
              (recipients + rate - 1) / rate));
    }
    List<PlannedThreshold> thresholds = new ArrayList<>();
    if (spec.budgetGuard() != null && spec.budgetGuard().thresholds() != null) {
      for (ThresholdSpec t : spec.budgetGuard().thresholds()) {
        long amount = BudgetGuard.thresholdAmount(budget, t.percent());
        Long count =
            ThresholdSpec.ISSUED_AMOUNT.equals(t.metric())
                ? BudgetGuard.issuedCountAt(amount, stock.couponAmount())
                : null;
        thresholds.add(
            new PlannedThreshold(
                t.metric(),
                t.percent(),
                amount,
                count,
                t.resume() == null ? ThresholdSpec.RESUME_MANUAL : t.resume(),
                t.resumeAfter()));
      }
    }
    List<String> warnings = new ArrayList<>();
    if (total > stock.maxCoupons()) {
      warnings.add(
          "the waves address "
              + total
              + " recipients but the stock holds "
              + stock.maxCoupons()
              + " coupons: issuance stops with NOT_ENOUGH once the stock is exhausted");
    }
    Instant activation = begin.minus(activationLead);
    return new Plan(
        budget,
        stock.couponAmount(),
        stock.maxCoupons(),
        ShanghaiTime.rfc3339(activation),
        waves,
        thresholds,
        total,
        spec.downloadFlows() ? ShanghaiTime.rfc3339(flowsReadyAt(spec, end)) : null,
        warnings);
  }

  /**
   * When the workflow first tries to download the flow files of a stock that ends at {@code end}.
   */
  public static Instant flowsReadyAt(CampaignSpec spec, Instant end) {
    if (spec.flows() != null && spec.flows().readyAfter() != null) {
      return end.plus(Duration.parse(spec.flows().readyAfter()));
    }
    return ShanghaiTime.flowsPublishedAt(end);
  }
}
