package com.campaigns.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything one bench run measured, filled phase by phase; a phase that failed leaves its reason.
 */
final class Results {

  /** The sizes of a run. */
  record Sizes(
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

    static Sizes quick(int reps) {
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

    static Sizes full(int reps) {
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
  record Pair(int rep, SendMeter.Run ceiling, SendMeter.Run full, long ceilingFailures) {
    double ratio() {
      return full.perSecond() / ceiling.perSecond();
    }
  }

  /** One wave at a configured rate, issued by {@code workers} workers. */
  record Rate(
      int workers,
      int configured,
      Stats.Windows windows,
      long recipients,
      Map<String, Long> issuedByWorker) {}

  /** Worker heap after a forced full GC, sampled while a campaign of {@code recipients} issued. */
  record Memory(long recipients, List<Long> samplesBytes) {
    long maxBytes() {
      return samplesBytes.stream().mapToLong(Long::longValue).max().orElse(0);
    }
  }

  /** History events of one campaign (all runs). */
  record History(String campaign, String when, long coupons, int runs, long events) {
    double per10k() {
      return Stats.eventsPer10k(events, coupons);
    }
  }

  /** The large campaign. */
  record Scale(
      long recipients,
      int waves,
      String status,
      long issued,
      double secondsToEnd,
      SendMeter.Run issuance,
      String plannedEnd) {}

  String startedAt;
  String machine;
  String jdk;
  Sizes sizes;
  double stackStartSeconds;
  final List<Pair> pairs = new ArrayList<>();
  final List<Rate> rates = new ArrayList<>();
  final List<Memory> memory = new ArrayList<>();
  final List<History> histories = new ArrayList<>();
  Scale scale;
  JfrProfile.Profile profile;
  SendMeter.Run profiledRun;

  /**
   * Phase → the machine's 1-minute load average when it began (2 cores: above 2 means waiting for
   * CPU).
   */
  final Map<String, Double> loadAtStart = new LinkedHashMap<>();

  /** Phase → why it failed. */
  final Map<String, String> failures = new LinkedHashMap<>();

  double totalSeconds;

  double medianRatio() {
    return pairs.isEmpty() ? Double.NaN : Stats.median(pairs.stream().map(Pair::ratio).toList());
  }

  double medianCeiling() {
    return pairs.isEmpty()
        ? Double.NaN
        : Stats.median(pairs.stream().map(p -> p.ceiling().perSecond()).toList());
  }

  double medianFull() {
    return pairs.isEmpty()
        ? Double.NaN
        : Stats.median(pairs.stream().map(p -> p.full().perSecond()).toList());
  }

  /** Median over the repetitions of one process's CPU milliseconds per coupon, ceiling or full. */
  double medianCpu(boolean full, String process) {
    if (pairs.isEmpty()) {
      return Double.NaN;
    }
    return Stats.median(
        pairs.stream()
            .map(p -> (full ? p.full() : p.ceiling()).cpuMillisPerCall(process))
            .toList());
  }
}
