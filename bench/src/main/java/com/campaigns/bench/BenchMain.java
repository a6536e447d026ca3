package com.campaigns.bench;

import com.campaigns.bench.measure.Campaigns;
import com.campaigns.bench.measure.CeilingLoop;
import com.campaigns.bench.measure.HeapSampler;
import com.campaigns.bench.measure.HistoryCounter;
import com.campaigns.bench.measure.JfrProfile;
import com.campaigns.bench.measure.Machine;
import com.campaigns.bench.measure.SendMeter;
import com.campaigns.bench.report.Report;
import com.campaigns.bench.report.Results;
import com.campaigns.bench.stack.BenchStack;
import com.campaigns.bench.stack.Console;
import com.campaigns.cli.stack.LocalStack;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * {@code ./campaigns bench [--quick] [--reps N]}: measures, on one stack and one sandbox, the SDK's
 * ceiling against the full stack, rate fidelity with one and two workers, history events per 10 000
 * coupons, worker heap after GC as campaigns grow, and one large campaign to COMPLETED; then writes
 * docs/benchmarks.md, docs/benchmarks.csv and docs/images/benchmarks.png. The last line printed is
 * {@code full/ceiling = R}.
 */
public final class BenchMain {

  /**
   * The phases, in the order they run; {@code --only} picks some (the report then stays in the
   * run's directory).
   */
  static final List<String> PHASES = List.of("throughput", "rate", "memory", "scale");

  private final Path root;
  private final Results results = new Results();
  private List<String> only = PHASES;
  private final String runTag =
      LocalDateTime.now().format(DateTimeFormatter.ofPattern("MMddHHmmss"));
  private BenchStack stack;
  private SendMeter meter;
  private Campaigns campaigns;
  private Campaigns rateCampaigns;

  private BenchMain(Path root, Results.Sizes sizes) {
    this.root = root;
    results.sizes = sizes;
  }

  public static void main(String[] args) throws Exception {
    boolean quick = false;
    int reps = 3;
    Path root = Path.of(".");
    Path temporalCli = null;
    java.util.Set<String> only = new java.util.LinkedHashSet<>();
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--quick" -> quick = true;
        case "--only" -> {
          for (String p : args[++i].split(",")) {
            if (!PHASES.contains(p)) {
              System.err.println("--only takes phases among " + PHASES + ": " + p);
              System.exit(2);
            }
            only.add(p);
          }
        }
        case "--reps" -> reps = Integer.parseInt(args[++i]);
        case "--root" -> root = Path.of(args[++i]);
        case "--temporal-cli" -> temporalCli = Path.of(args[++i]);
        default -> {
          System.err.println(
              "usage: bench [--quick] [--reps N] [--only PHASE,...] [--root DIR] [--temporal-cli PATH]");
          System.exit(2);
        }
      }
    }
    if (reps < 1) {
      throw new IllegalArgumentException("--reps must be at least 1");
    }
    root = root.toAbsolutePath().normalize();
    if (temporalCli == null) {
      temporalCli = root.resolve(".tools/venv/bin/temporal");
    }
    BenchMain bench =
        new BenchMain(root, quick ? Results.Sizes.quick(reps) : Results.Sizes.full(reps));
    bench.only = only.isEmpty() ? PHASES : List.copyOf(only);
    bench.run(temporalCli);
    System.out.printf("full/ceiling = %.3f%n", bench.results.medianRatio());
  }

  private void run(Path temporalCli) throws Exception {
    long t0 = System.nanoTime();
    Results.Sizes sizes = results.sizes;
    results.startedAt = Instant.now().toString();
    results.machine = Machine.describe();
    results.jdk = Machine.jdk();
    Path work = root.resolve(".data/bench/run-" + runTag);
    Console.say(
        "bench (%s size, %d reps, concurrency %d): %s, %s; state and logs in %s",
        sizes.name(), sizes.reps(), sizes.concurrency(), results.machine, results.jdk, work);
    stack = new BenchStack(root, work, temporalCli, sizes.concurrency());
    try (BenchStack s = stack) {
      stack.start();
      results.stackStartSeconds = (System.nanoTime() - t0) / 1e9;
      results.crypto = Machine.crypto(stack.logs());
      Console.say("stack ready after %.0f s", results.stackStartSeconds);
      meter = new SendMeter(stack.sandboxAdmin(), stack::cpu);
      campaigns = new Campaigns(stack.api(), runTag);
      rateCampaigns = new Campaigns(stack.rateApi(), runTag);
      if (only.contains("throughput")) {
        phase("ceiling and full stack", this::ceilingAgainstFull);
      }
      if (only.contains("rate")) {
        phase("rate fidelity", () -> new RateFidelity(stack, rateCampaigns, results, runTag).run());
      }
      if (only.contains("memory")) {
        phase("memory and history", this::memory);
      }
      if (only.contains("scale")) {
        phase("scale", this::scale);
      }
    }
    results.totalSeconds = (System.nanoTime() - t0) / 1e9;
    // A partial run is an experiment: its report stays beside its logs, docs/ keeps the last full
    // run.
    Path out = only.equals(PHASES) ? root.resolve("docs") : work.resolve("report");
    new Report(results).write(out);
    Console.say(
        "wrote %s (benchmarks.md, benchmarks.csv, images/benchmarks.png) in %.0f s in all",
        out, results.totalSeconds);
  }

  private interface Phase {
    void run() throws Exception;
  }

  /** Runs one phase; a failure is reported in the document and the next phase still runs. */
  private void phase(String name, Phase phase) {
    results.loadAtStart.put(name, Machine.load());
    Console.say("▶ %s (load average %.1f)", name, Machine.load());
    long t = System.nanoTime();
    try {
      phase.run();
      Console.say("  %s done in %.0f s", name, (System.nanoTime() - t) / 1e9);
    } catch (Exception | AssertionError e) {
      results.failures.put(name, e.toString());
      Console.say(
          "  ✗ %s failed after %.0f s: %s (logs in %s)",
          name, (System.nanoTime() - t) / 1e9, e, stack.logs());
    }
  }

  // ------------------------------------------------------------------ 1 and 2

  private void ceilingAgainstFull() throws Exception {
    Results.Sizes sizes = results.sizes;
    int n = sizes.throughputRecipients();
    // The loop's stock: a campaign's, with one recipient and room for every send of the loop.
    String stockCampaign =
        campaigns.start(
            "bench-" + runTag + "-ceiling",
            Duration.ofSeconds(4),
            Duration.ofDays(1),
            List.of(new Campaigns.Wave("one", campaigns.upload("c0", 1), 1, null)),
            false,
            (long) sizes.reps() * n + sizes.warmupRecipients());
    String stockId =
        campaigns.awaitWavesDone(stockCampaign, Duration.ofMinutes(2)).path("stock_id").asText();
    CeilingLoop ceiling = new CeilingLoop(stack.sandboxUrl(), stockId);
    Console.say(
        "  warm-up: %d sends by the loop, a %d-recipient campaign",
        sizes.warmupRecipients(), sizes.warmupRecipients());
    runCeiling(ceiling, "warm", sizes.warmupRecipients());
    runFull("warm", sizes.warmupRecipients());
    for (int rep = 1; rep <= sizes.reps(); rep++) {
      // Alternating which goes first spreads the drift of a shared machine over both.
      CeilingRun c;
      SendMeter.Run full = null;
      if (rep % 2 == 0) {
        full = runFull("f" + rep, n);
      }
      c = runCeiling(ceiling, "c" + rep, n);
      if (full == null) {
        full = runFull("f" + rep, n);
      }
      Results.Pair pair = new Results.Pair(rep, c.run(), full, c.failures());
      results.pairs.add(pair);
      Console.say(
          "  rep %d: ceiling %.0f/s, full %.0f/s, full/ceiling %.3f",
          rep, c.run().perSecond(), full.perSecond(), pair.ratio());
    }
    campaigns.cancel(stockCampaign);
    profile(n);
  }

  /**
   * One more full-stack campaign of the same size with JFR recording in the worker (not part of the
   * medians).
   */
  private void profile(int n) {
    LocalStack.Worker worker = stack.workers().get(0);
    Path jfr = stack.logs().resolve("worker-full-stack.jfr").toAbsolutePath();
    Console.say("  one more full-stack run with JFR in the worker (%s)", jfr);
    stack.jcmd(worker, "JFR.start", "name=bench", "settings=profile", "filename=" + jfr);
    try {
      results.profiledRun = runFull("prof", n);
    } finally {
      stack.jcmd(worker, "JFR.stop", "name=bench");
    }
    if (Files.exists(jfr)) {
      results.profile = JfrProfile.read(jfr);
    }
  }

  private record CeilingRun(SendMeter.Run run, long failures) {}

  private CeilingRun runCeiling(CeilingLoop loop, String label, int n) throws Exception {
    List<String> openids = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      openids.add(campaigns.openid(label, i));
    }
    long base = meter.total();
    CompletableFuture<Long> sends =
        CompletableFuture.supplyAsync(() -> loop.send(openids, results.sizes.concurrency()));
    SendMeter.Run run = meter.measure(base, n, Duration.ofMinutes(30));
    return new CeilingRun(run, sends.get());
  }

  /** One campaign, one wave of n recipients, no rate: the merchant's (lifted) ceiling. */
  private SendMeter.Run runFull(String label, int n) {
    String audience = campaigns.upload(label, n);
    long base = meter.total();
    String id =
        campaigns.startOneWave(
            "bench-" + runTag + "-" + label, new Campaigns.Wave("all", audience, n, null));
    SendMeter.Run run = meter.measure(base, n, Duration.ofMinutes(30));
    campaigns.awaitWavesDone(id, Duration.ofMinutes(5));
    history(id, "wave done", n);
    campaigns.cancel(id);
    return run;
  }

  // ------------------------------------------------------------------ 4 and 5

  private void memory() {
    for (long n : results.sizes.memoryRecipients()) {
      String label = "m" + n;
      String audience = campaigns.upload(label, n);
      HeapSampler sampler = new HeapSampler(stack, meter, label, Results.MEMORY_SAMPLE_SECONDS);
      String id;
      try {
        id =
            campaigns.startOneWave(
                "bench-" + runTag + "-" + label, new Campaigns.Wave("all", audience, n, null));
        campaigns.awaitWavesDone(id, Duration.ofSeconds(n / 100 + 300));
      } finally {
        sampler.stop();
      }
      results.memory.add(new Results.Memory(n, sampler.samples()));
      Console.say(
          "  %d recipients: worker heap after GC, max %.1f MB of %d samples",
          n, sampler.maxBytes() / 1e6, sampler.samples().size());
      history(id, "wave done", n);
      campaigns.cancel(id);
    }
  }

  private void history(String campaignId, String when, long coupons) {
    try (HistoryCounter counter = new HistoryCounter(stack.temporalTarget())) {
      HistoryCounter.Count c = counter.count("campaign-" + campaignId);
      results.histories.add(new Results.History(campaignId, when, coupons, c.runs(), c.events()));
    }
  }

  // ------------------------------------------------------------------ 6

  private void scale() {
    Results.Sizes sizes = results.sizes;
    long n = sizes.scaleRecipients();
    int waves = sizes.scaleWaves();
    List<Campaigns.Wave> list = new ArrayList<>();
    for (int w = 1; w <= waves; w++) {
      long size = n / waves + (w <= n % waves ? 1 : 0);
      String label = "s" + w;
      list.add(new Campaigns.Wave("wave" + w, campaigns.upload(label, size), size, null));
      Console.say("  uploaded audience %d of %d (%d openids)", w, waves, size);
    }
    // The stock must end after the last wave: sized from this run's full-stack rate, with room to
    // spare.
    double rate = Double.isNaN(results.medianFull()) ? 500 : results.medianFull();
    Duration length = Duration.ofSeconds((long) (n / rate * 1.2) + 30);
    String id = "bench-" + runTag + "-scale";
    long base = meter.total();
    long t = System.nanoTime();
    HeapSampler sampler = new HeapSampler(stack, meter, "scale", sizes.heapSampleSeconds());
    SendMeter.Run issuance;
    try {
      campaigns.start(id, Duration.ofSeconds(4), length, list, true, 0);
      Console.say(
          "  campaign %s: %d recipients in %d waves, stock ends in %d s",
          id, n, waves, length.toSeconds());
      issuance = meter.measure(base, n, length.plusMinutes(5));
      campaigns.awaitWavesDone(id, Duration.ofMinutes(5));
    } finally {
      sampler.stop();
    }
    results.memory.add(new Results.Memory(n, sampler.samples()));
    Console.say(
        "  issued in %.0f s (%.0f/s); waiting for the end of the stock, the flows and the reconciliation",
        issuance.seconds(), issuance.perSecond());
    JsonNode end = campaigns.awaitTerminal(id, length.plusMinutes(15));
    double seconds = (System.nanoTime() - t) / 1e9;
    results.scale =
        new Results.Scale(
            n,
            waves,
            end.path("status").asText(),
            end.path("issued").path("count").asLong(),
            seconds,
            issuance,
            length.toString());
    history(id, end.path("status").asText(), end.path("issued").path("count").asLong());
    Console.say(
        "  %s after %.0f s, %d issued",
        end.path("status").asText(), seconds, end.path("issued").path("count").asLong());
  }
}
