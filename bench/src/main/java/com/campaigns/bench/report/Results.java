package com.campaigns.bench.report;

import com.campaigns.bench.measure.JfrProfile;
import com.campaigns.bench.measure.SendMeter;
import com.campaigns.bench.measure.Stats;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything one bench run measured, filled phase by phase; a phase that failed leaves its reason.
 */
public final class Results {

  /**
   * Heap sampling period of the memory phase's campaigns (the 1M one of the scale phase: the
   * sizes').
   */
  public static final long MEMORY_SAMPLE_SECONDS = 2;

  /** The sizes of a run. */
  public record Sizes(
      String name,
      int concurrency,
      int reps,
      int throughputRecipients,
      int warmupRecipients,
      int rateSeconds,
      List<Integer> rates,
      List<Long> memoryRecipients,
      long scaleRecipients,
      int scaleWaves,
      long heapSampleSeconds) {

    public static Sizes quick(int reps) {
      return new Sizes(
          "quick",
          64,
          reps,
          10_000,
          2_000,
          6,
          List.of(50, 200, 500),
          List.of(10_000L),
          12_000,
          4,
          3);
    }

    public static Sizes full(int reps) {
      return new Sizes(
          "full",
          64,
          reps,
          40_000,
          5_000,
          20,
          List.of(50, 200, 500),
          List.of(10_000L, 100_000L),
          1_000_000,
          4,
          15);
    }
  }

  /** Ceiling and full stack of one repetition, back to back. */
  public record Pair(int rep, SendMeter.Run ceiling, SendMeter.Run full, long ceilingFailures) {
    public double ratio() {
      return full.perSecond() / ceiling.perSecond();
    }
  }

  /** One wave at a configured rate, issued by {@code workers} workers. */
  public record Rate(
      int workers,
      int configured,
      Stats.Windows windows,
      long recipients,
      Map<String, Long> issuedByWorker) {}

  /** Worker heap after a forced full GC, sampled while a campaign of {@code recipients} issued. */
  public record Memory(long recipients, List<Long> samplesBytes) {
    public long maxBytes() {
      return samplesBytes.stream().mapToLong(Long::longValue).max().orElse(0);
    }
  }

  /** History events of one campaign (all runs). */
  public record History(String campaign, String when, long coupons, int runs, long events) {
    public double per10k() {
      return Stats.eventsPer10k(events, coupons);
    }
  }

  /** The large campaign. */
  public record Scale(
      long recipients,
      int waves,
      String status,
      long issued,
      double secondsToEnd,
      SendMeter.Run issuance,
      String plannedEnd) {}

  public String startedAt;
  public String machine;
  public String jdk;

  /** Who signs and verifies RSA: the hand-written loop's JVM and the stack's processes. */
  public String crypto;

  public Sizes sizes;
  public double stackStartSeconds;
  public final List<Pair> pairs = new ArrayList<>();
  public final List<Rate> rates = new ArrayList<>();
  public final List<Memory> memory = new ArrayList<>();
  public final List<History> histories = new ArrayList<>();
  public Scale scale;
  public JfrProfile.Profile profile;
  public SendMeter.Run profiledRun;

  /**
   * Phase → the machine's 1-minute load average when it began (2 cores: above 2 means waiting for
   * CPU).
   */
  public final Map<String, Double> loadAtStart = new LinkedHashMap<>();

  /** Phase → why it failed. */
  public final Map<String, String> failures = new LinkedHashMap<>();

  public double totalSeconds;

  public double medianRatio() {
    return pairs.isEmpty() ? Double.NaN : Stats.median(pairs.stream().map(Pair::ratio).toList());
  }

  public double medianCeiling() {
    return pairs.isEmpty()
        ? Double.NaN
        : Stats.median(pairs.stream().map(p -> p.ceiling().perSecond()).toList());
  }

  public double medianFull() {
    return pairs.isEmpty()
        ? Double.NaN
        : Stats.median(pairs.stream().map(p -> p.full().perSecond()).toList());
  }

  /** Median over the repetitions of one process's CPU milliseconds per coupon, ceiling or full. */
  public double medianCpu(boolean full, String process) {
    if (pairs.isEmpty()) {
      return Double.NaN;
    }
    return Stats.median(
        pairs.stream()
            .map(p -> (full ? p.full() : p.ceiling()).cpuMillisPerCall(process))
            .toList());
  }
}
