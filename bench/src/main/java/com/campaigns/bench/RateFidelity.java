package com.campaigns.bench;

import com.campaigns.bench.measure.Campaigns;
import com.campaigns.bench.measure.Stats;
import com.campaigns.bench.report.Results;
import com.campaigns.bench.stack.BenchStack;
import com.campaigns.bench.stack.Console;
import com.campaigns.bench.stack.Http;
import com.campaigns.cli.stack.LocalStack;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Phase 3, rate fidelity: paced waves with one worker and then two, each counted per one-second
 * window at the sandbox and per worker from its metrics.
 */
record RateFidelity(BenchStack stack, Campaigns rateCampaigns, Results results, String runTag) {

  void run() {
    Results.Sizes sizes = results.sizes;
    for (int workers = 1; workers <= 2; workers++) {
      LocalStack.Worker second = null;
      if (workers == 2) {
        Console.say("  starting a second worker");
        second = stack.addWorker();
        warmUp(sizes.warmupRecipients());
      }
      try {
        for (int rate : sizes.rates()) {
          results.rates.add(rateWave(workers, rate, (long) rate * sizes.rateSeconds()));
          Results.Rate r = results.rates.get(results.rates.size() - 1);
          Console.say(
              "  %d worker(s), %d/s: per-second windows %s (median %.1f %%, max %.1f %%), by worker %s",
              workers,
              rate,
              r.windows().counts(),
              r.windows().medianPercent(),
              r.windows().maxPercent(),
              r.issuedByWorker());
        }
      } finally {
        if (second != null) {
          stack.stopWorker(second);
        }
      }
    }
  }

  /**
   * An unpaced wave issued by both workers before the two-worker waves: the first worker was warmed
   * up by the throughput phase, and a JVM that has not yet compiled its send path signs late.
   */
  private void warmUp(long n) {
    String audience = rateCampaigns.upload("r2warm", n);
    Map<String, Long> before = issuedByWorker();
    String id =
        rateCampaigns.startOneWave(
            "bench-" + runTag + "-r2warm", new Campaigns.Wave("warm", audience, n, null));
    rateCampaigns.awaitWavesDone(id, Duration.ofSeconds(n / 100 + 120));
    rateCampaigns.cancel(id);
    Map<String, Long> byWorker = new LinkedHashMap<>();
    issuedByWorker().forEach((w, count) -> byWorker.put(w, count - before.getOrDefault(w, 0L)));
    Console.say(
        "  warm-up wave of %d recipients with two workers: issued by worker %s", n, byWorker);
  }

  private Results.Rate rateWave(int workers, int rate, long n) {
    String label = "r" + workers + "w" + rate;
    String audience = rateCampaigns.upload(label, n);
    Map<String, Long> before = issuedByWorker();
    String id =
        rateCampaigns.startOneWave(
            "bench-" + runTag + "-" + label, new Campaigns.Wave("paced", audience, n, rate));
    JsonNode status = rateCampaigns.awaitWavesDone(id, Duration.ofSeconds(n / rate * 3 + 120));
    Map<String, Long> after = issuedByWorker();
    Map<String, Long> byWorker = new LinkedHashMap<>();
    after.forEach((w, count) -> byWorker.put(w, count - before.getOrDefault(w, 0L)));
    List<Long> seconds = sendSeconds(status.path("stock_id").asText());
    rateCampaigns.cancel(id);
    return new Results.Rate(workers, rate, Stats.perSecond(rate, seconds), n, byWorker);
  }

  /** The second (epoch) at which the sandbox created each coupon of a stock. */
  private List<Long> sendSeconds(String stockId) {
    List<Long> seconds = new ArrayList<>();
    for (int offset = 0; ; offset += 1000) {
      JsonNode page =
          stack
              .sandboxAdmin()
              .get("/sandbox/stocks/" + stockId + "/coupons?offset=" + offset + "&limit=1000");
      page.path("data")
          .forEach(
              c ->
                  seconds.add(
                      java.time.OffsetDateTime.parse(c.path("create_time").asText())
                          .toEpochSecond()));
      if (page.path("data").size() < 1000) {
        return seconds;
      }
    }
  }

  /** campaigns_coupons_issued_total of each running worker, from its /actuator/prometheus. */
  private Map<String, Long> issuedByWorker() {
    Map<String, Long> out = new LinkedHashMap<>();
    for (LocalStack.Worker w : stack.workers()) {
      long total = 0;
      for (String line : new Http(w.url(), null).text("/actuator/prometheus").split("\n")) {
        if (line.startsWith("campaigns_coupons_issued_total")) {
          total += (long) Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
        }
      }
      out.put(w.name(), total);
    }
    return out;
  }
}
