package com.campaigns.e2e.chaos;

import com.campaigns.activities.ExactlyOnce;
import com.campaigns.cli.stack.LocalStack;
import com.campaigns.e2e.support.CampaignPlan;
import com.campaigns.e2e.support.Console;
import com.campaigns.e2e.support.Http;
import com.campaigns.e2e.support.Stack;
import com.campaigns.ledger.CouponUses;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The fault campaign: randomized campaigns (one to three waves, 1k–20k recipients, random rates and
 * budget thresholds, two merchants) run in rounds of a few at a time on the real stack, while the
 * driver injects, at random moments, WeChat Pay 5xx/429 bursts with latency and commit-then-drop
 * answers on create/activate/send/pause/restart, a worker killed with SIGKILL and replaced, a
 * second worker joining and leaving, a dev server restart on the same SQLite file, ops pausing and
 * resuming, and shoppers' COUPON.USE notifications delivered twice and out of order. Every run is
 * then checked against the sandbox: the expected end state, ledger = sandbox, no (campaign, wave,
 * openid) with two coupons, every recipient with one, status counts = ledger.
 *
 * <p>Everything random comes from one seed, so a run is described by {@code (runs, seed,
 * parallel)}; the moments the disruptions land on the wall clock are not reproducible, which is the
 * point of the exercise.
 */
public final class Chaos {

  private static final String[][] MERCHANTS = {
    {"1900000001", "wx0000000000000001"}, {"1900000002", "wx0000000000000002"}
  };

  /**
   * Between a campaign's start and its stock's begin: longer than the longest WeChat Pay outage of
   * a round (35 s) plus the retries' backoff, as a marketer's lead is. With 20 s, an outage at the
   * start kept CreateStock failing until the begin time had passed, and WeChat Pay (rightly)
   * refuses a stock whose window has begun: the campaign FAILED with REQUEST_BLOCKED.
   */
  private static final Duration LEAD = Duration.ofSeconds(60);

  private static final Duration POLL = Duration.ofSeconds(2);

  /**
   * Every kind of disruption, as runs are credited with it. The first round carries each of them,
   * so that even the short version in the test command sees every kind.
   */
  public static final List<String> KINDS =
      List.of(
          "faults-on",
          "kill-worker",
          "second-worker-joins",
          "restart-dev-server",
          "restart-ledger",
          "stall-ledger",
          "freeze-worker",
          "kill-api",
          "ops-pause",
          "threshold-pause",
          "redeem",
          "redeliver-notifications",
          "continued-as-new");

  /** The first round's coupons at least: enough issuing time for its disruptions, in turn. */
  private static final int COVERAGE_RECIPIENTS = 20_000;

  /** The lowest history threshold the API accepts, and segments small enough to reach it. */
  private static final List<String> LOW_HISTORY_API =
      List.of("--campaigns.workflow.max-run-events=500", "--campaigns.workflow.segment-size=25");

  private final Stack stack;
  private final int runs;
  private final long seed;
  private final int parallel;
  private final Random random;
  private final String prefix;

  /** Disruptions fired, by kind, over all rounds (from the driver's and the processes' thread). */
  private final Map<String, Integer> fired = new ConcurrentSkipListMap<>();

  /** The API that starts the low-history runs' campaigns; started with the first of them. */
  private Http lowHistoryApi;

  private final ExecutorService processes = Executors.newSingleThreadExecutor();
  private final AtomicReference<LocalStack.Worker> second = new AtomicReference<>();
  private final List<String> processFailures = new CopyOnWriteArrayList<>();

  /** Faults the sandbox injected, by endpoint and kind. */
  private final Map<String, Long> injected = new TreeMap<>();

  public Chaos(Stack stack, int runs, long seed, int parallel) {
    this.stack = stack;
    this.runs = runs;
    this.seed = seed;
    this.parallel = Math.max(1, parallel);
    this.random = new Random(seed);
    this.prefix = "chaos" + Long.toString(System.currentTimeMillis() / 1000 % 100000, 36);
  }

  public ChaosReport run() {
    Instant started = Instant.now();
    List<ChaosRun> all = new ArrayList<>();
    int round = 0;
    while (all.size() < runs) {
      round++;
      List<ChaosRun> batch = planRound(all.size() + 1, Math.min(parallel, runs - all.size()));
      Console.step(
          "chaos round %d: runs %d-%d",
          round, batch.get(0).number, batch.get(batch.size() - 1).number);
      runRound(batch);
      batch.forEach(this::check);
      Instant first =
          batch.stream()
              .map(r -> r.firstCoupon)
              .filter(java.util.Objects::nonNull)
              .min(Comparator.naturalOrder())
              .orElse(null);
      Instant last =
          batch.stream()
              .map(r -> r.lastCoupon)
              .filter(java.util.Objects::nonNull)
              .max(Comparator.naturalOrder())
              .orElse(null);
      if (first != null) {
        long coupons = batch.stream().mapToLong(r -> r.sandboxCoupons).sum();
        long seconds = Math.max(1, Duration.between(first, last).toSeconds());
        Console.step(
            "chaos round %d: %d coupons issued in %d s (%d/s); the stock window was %d s",
            round,
            coupons,
            seconds,
            coupons / seconds,
            Duration.between(batch.get(0).plan.begin(), batch.get(0).plan.end()).toSeconds());
      }
      for (ChaosRun r : batch) {
        Console.step(
            "chaos run %d %s: %s, %d coupons, %d duplicates, %d missing%s",
            r.number,
            r.plan.campaignId(),
            r.finalStatus,
            r.sandboxCoupons,
            r.duplicates,
            r.missing,
            r.problems.isEmpty() ? "" : " " + r.problems);
      }
      all.addAll(batch);
    }
    processes.shutdown();
    return new ChaosReport(
        runs,
        seed,
        parallel,
        all,
        fired,
        injected,
        processFailures,
        Duration.between(started, Instant.now()));
  }

  // ---------------------------------------------------------------- planning

  /** A campaign's random shape, before its stock window is known. */
  private record Shape(
      int number, String[] merchant, Integer threshold, List<int[]> waves, boolean lowHistory) {

    int recipients() {
      return waves.stream().mapToInt(w -> w[0]).sum();
    }

    /** Seconds its waves need one after the other at their own rates, offsets included. */
    double sequentialSeconds() {
      return waves.get(waves.size() - 1)[1]
          + waves.stream().mapToDouble(w -> (double) w[0] / w[2]).sum();
    }
  }

  private List<ChaosRun> planRound(int first, int count) {
    List<Shape> shapes = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      shapes.add(shape(first + i));
    }
    if (first == 1) {
      shapes = coverAll(shapes);
    }
    if (shapes.stream().anyMatch(Shape::lowHistory)) {
      lowHistoryApi(); // before the stock windows are planned: it takes a while to start
    }
    // One stock window for the round, long enough for its coupons at what two cores manage under
    // faults, restarts and stalls (180/s; with 250/s a loaded machine left recipients unreached
    // when the window closed), so that every recipient can be reached. The first round carries
    // every disruption at once, and process restarts take a minute each on a loaded machine: 60/s.
    long total = shapes.stream().mapToLong(Shape::recipients).sum();
    double slowest = shapes.stream().mapToDouble(Shape::sequentialSeconds).max().orElse(0);
    Duration span =
        Duration.ofSeconds(
            (long)
                Math.max(120, Math.max(total / (first == 1 ? 60.0 : 180.0), slowest * 1.3) + 90));
    List<ChaosRun> runs = new ArrayList<>();
    for (Shape shape : shapes) {
      CampaignPlan plan =
          CampaignPlan.named(prefix + "-" + shape.number(), LEAD, span)
              .merchant(shape.merchant()[0], shape.merchant()[1])
              .maxCouponsPerUser(3);
      for (int w = 0; w < shape.waves().size(); w++) {
        int[] wave = shape.waves().get(w);
        plan.wave("w" + w, Duration.ofSeconds(wave[1]), wave[0], wave[2]);
      }
      if (shape.threshold() != null) {
        plan.issuedThreshold(shape.threshold());
      }
      runs.add(new ChaosRun(shape.number(), plan, shape.threshold(), shape.lowHistory()));
    }
    return runs;
  }

  private Shape shape(int number) {
    // Log-uniform between 1k and 20k: small and large campaigns alike.
    int recipients =
        (int)
            Math.round(
                Math.exp(
                    Math.log(1000) + random.nextDouble() * (Math.log(20000) - Math.log(1000))));
    int waveCount = 1 + random.nextInt(3);
    Integer threshold = random.nextDouble() < 0.5 ? 10 + random.nextInt(36) : null;
    String[] merchant = MERCHANTS[random.nextInt(MERCHANTS.length)];
    List<int[]> waves = new ArrayList<>();
    int left = recipients;
    int offset = 0;
    for (int w = 0; w < waveCount; w++) {
      int count =
          w == waveCount - 1 ? left : Math.max(1, (int) (left * (0.3 + random.nextDouble() * 0.4)));
      left -= count;
      waves.add(new int[] {count, offset, 200 + 50 * random.nextInt(7)});
      offset += 5 + random.nextInt(20);
    }
    // A quarter of the campaigns continue as new during the run: started through an API whose
    // history threshold is the lowest allowed.
    boolean lowHistory = random.nextDouble() < 0.25;
    return new Shape(number, merchant, threshold, waves, lowHistory);
  }

  /**
   * The first round, shaped so that every kind of disruption can hit it: at least {@link
   * #COVERAGE_RECIPIENTS} coupons (its disruptions run one after the other while it issues), the
   * first run on the public-key merchant with a budget threshold, the largest run on the
   * low-history API.
   */
  private static List<Shape> coverAll(List<Shape> shapes) {
    int total = shapes.stream().mapToInt(Shape::recipients).sum();
    double scale = Math.max(1.0, (double) COVERAGE_RECIPIENTS / total);
    Shape largest = shapes.stream().max(Comparator.comparingInt(Shape::recipients)).orElseThrow();
    List<Shape> out = new ArrayList<>();
    for (Shape s : shapes) {
      List<int[]> waves = new ArrayList<>();
      for (int[] w : s.waves()) {
        waves.add(new int[] {(int) Math.ceil(w[0] * scale), w[1], w[2]});
      }
      boolean first = s == shapes.get(0);
      out.add(
          new Shape(
              s.number(),
              first ? MERCHANTS[0] : s.merchant(),
              first && s.threshold() == null ? Integer.valueOf(25) : s.threshold(),
              waves,
              s.lowHistory() || s == largest));
    }
    return out;
  }

  /** A disruption at a moment of the round (seconds after the campaigns were created). */
  private record Event(double at, String kind, ChaosRun run) {}

  private List<Event> schedule(List<ChaosRun> batch) {
    if (batch.get(0).number == 1) {
      return coverageSchedule(batch);
    }
    double window =
        LEAD.toSeconds() + batch.stream().mapToLong(r -> r.plan.recipients()).sum() / 400.0 * 0.8;
    List<Event> events = new ArrayList<>();
    if (random.nextDouble() < 0.8) {
      double at = random.nextDouble() < 0.3 ? 0 : random.nextDouble() * window;
      events.add(new Event(at, "faults-on", null));
      events.add(new Event(at + 10 + random.nextInt(25), "faults-off", null));
    }
    if (random.nextDouble() < 0.5) {
      events.add(new Event(LEAD.toSeconds() + random.nextDouble() * window, "kill-worker", null));
    }
    if (random.nextDouble() < 0.4) {
      double at = random.nextDouble() * window;
      events.add(new Event(at, "second-worker-joins", null));
      events.add(new Event(at + 20 + random.nextInt(40), "second-worker-leaves", null));
    }
    if (random.nextDouble() < 0.35) {
      events.add(new Event(random.nextDouble() * window, "restart-dev-server", null));
    }
    // The ledger database restarted (connections cut) or stalled (SIGSTOP) in the middle of a wave.
    if (random.nextDouble() < 0.3) {
      events.add(
          new Event(LEAD.toSeconds() + random.nextDouble() * window, "restart-ledger", null));
    }
    if (random.nextDouble() < 0.3) {
      events.add(new Event(LEAD.toSeconds() + random.nextDouble() * window, "stall-ledger", null));
    }
    // A worker frozen longer than the heartbeat timeout: its segment goes to another worker, and
    // the frozen one wakes up as a zombie sender.
    if (random.nextDouble() < 0.3) {
      events.add(new Event(LEAD.toSeconds() + random.nextDouble() * window, "freeze-worker", null));
    }
    for (ChaosRun r : batch) {
      if (random.nextDouble() < 0.3) {
        double at = LEAD.toSeconds() + random.nextDouble() * window;
        events.add(new Event(at, "ops-pause", r));
        events.add(new Event(at + 5 + random.nextInt(15), "ops-resume", r));
      }
      if (random.nextDouble() < 0.7) {
        double at = LEAD.toSeconds() + 5 + random.nextDouble() * window;
        events.add(new Event(at, "redeem", r));
        events.add(new Event(at + 5 + random.nextInt(30), "redeliver-notifications", r));
        // The API killed while those COUPON.USE notifications arrive; WeChat Pay retries them.
        if (random.nextDouble() < 0.3) {
          events.add(new Event(at + random.nextDouble() * 2, "kill-api", r));
        }
      }
    }
    events.sort(Comparator.comparingDouble(Event::at));
    return events;
  }

  /**
   * The first round's disruptions: each kind once, early in the issuing and in an order that keeps
   * the processes' queue short (the API killed right after the first redemptions, while their
   * notifications arrive; the worker frozen while the second worker polls), plus the usual draws of
   * faults, pauses and redemptions.
   */
  private List<Event> coverageSchedule(List<ChaosRun> batch) {
    double lead = LEAD.toSeconds();
    List<Event> events = new ArrayList<>();
    ChaosRun first = batch.get(0);
    ChaosRun other = batch.get(batch.size() - 1);
    double faults = lead + random.nextInt(20);
    events.add(new Event(faults, "faults-on", null));
    events.add(new Event(faults + 10 + random.nextInt(25), "faults-off", null));
    // The quick disruptions first (seconds each), then those that start a JVM (up to a minute each
    // on a loaded machine). Redemptions need issued coupons: the first a few seconds into the
    // issuing, another later.
    events.add(new Event(lead + 10, "restart-ledger", null));
    events.add(new Event(lead + 12, "stall-ledger", null));
    events.add(new Event(lead + 14, "restart-dev-server", null));
    events.add(new Event(lead + 16, "redeem", first));
    events.add(new Event(lead + 16.5, "kill-api", first));
    events.add(new Event(lead + 18, "second-worker-joins", null));
    events.add(new Event(lead + 20, "freeze-worker", null));
    events.add(new Event(lead + 22, "kill-worker", null));
    events.add(new Event(lead + 24, "second-worker-leaves", null));
    events.add(new Event(lead + 40, "redeem", first));
    events.add(new Event(lead + 45 + random.nextInt(20), "redeliver-notifications", first));
    for (ChaosRun r : batch.subList(1, batch.size())) {
      if (random.nextDouble() < 0.7) {
        double at = lead + 5 + random.nextDouble() * 60;
        events.add(new Event(at, "redeem", r));
        events.add(new Event(at + 5 + random.nextInt(30), "redeliver-notifications", r));
      }
    }
    // Ops pause before the API is killed (a pause refused by an API that is down hits nothing).
    double pause = lead + 4 + random.nextInt(4);
    events.add(new Event(pause, "ops-pause", other));
    events.add(new Event(pause + 4 + random.nextInt(4), "ops-resume", other));
    events.sort(Comparator.comparingDouble(Event::at));
    return events;
  }

  // ---------------------------------------------------------------- one round

  private void runRound(List<ChaosRun> batch) {
    Instant origin = Instant.now();
    for (ChaosRun r : batch) {
      try {
        create(r);
      } catch (RuntimeException | AssertionError failure) {
        Console.step("chaos: run %d could not be started: %s", r.number, failure.getMessage());
        r.problems.add("not started: " + failure.getMessage());
        r.done = true;
      }
    }
    List<Event> events = new ArrayList<>(schedule(batch));
    Instant deadline =
        batch.stream()
            .map(r -> r.plan.end())
            .max(Comparator.naturalOrder())
            .orElseThrow()
            .plus(Duration.ofMinutes(5));
    Map<String, Instant> pausedSince = new HashMap<>();
    while (Instant.now().isBefore(deadline) && !batch.stream().allMatch(r -> r.done)) {
      double now = Duration.between(origin, Instant.now()).toMillis() / 1000.0;
      while (!events.isEmpty() && events.get(0).at() <= now) {
        Event e = events.remove(0);
        try {
          fire(e, batch);
        } catch (RuntimeException | AssertionError failure) {
          Console.step("chaos: %s failed: %s", e.kind(), failure);
          if (e.run() != null) {
            e.run().problems.add(e.kind() + " failed: " + failure.getMessage());
          }
        }
      }
      batch.forEach(r -> poll(r, pausedSince));
      sleep(POLL);
    }
    // Process disruptions still under way finish before the checks; a second worker leaves.
    onProcesses(
        () -> {
          LocalStack.Worker extra = second.getAndSet(null);
          if (extra != null) {
            stack.removeWorker(extra);
          }
        });
    try {
      processes.submit(() -> {}).get(5, TimeUnit.MINUTES);
    } catch (Exception e) {
      throw new IllegalStateException("process disruptions did not finish", e);
    }
    stack.sandbox().clearFaults();
    // Whatever was scheduled but not reached (a round that finished early) is not counted.
  }

  /** Uploads the run's large waves as audiences and starts its campaign through the API. */
  private void create(ChaosRun r) {
    // Large waves (over the 10 000 inline openids a spec may carry) and some others are uploaded.
    for (int w = 0; w < r.plan.waves().size(); w++) {
      List<String> openids = r.plan.waves().get(w).openids();
      if (openids.size() > 10_000 || random.nextDouble() < 0.3) {
        JsonNode audience =
            stack.api().postText("/api/v1/audiences", String.join("\n", openids)).expect(201);
        if (audience.path("count").asInt() != openids.size()) {
          throw new AssertionError(
              "audience of " + openids.size() + " openids stored as " + audience);
        }
        r.plan.useAudience(w, audience.path("audience_id").asText());
      }
    }
    (r.lowHistory ? lowHistoryApi() : stack.api())
        .post("/api/v1/campaigns", r.plan.spec())
        .expect(201);
  }

  private Http lowHistoryApi() {
    if (lowHistoryApi == null) {
      lowHistoryApi = stack.addApi("api-low-history", LOW_HISTORY_API);
    }
    return lowHistoryApi;
  }

  /**
   * Killing and starting processes takes tens of seconds: it runs on its own thread, one after the
   * other, so that faults, pauses and notifications keep their moments meanwhile.
   */
  private void onProcesses(Runnable disruption) {
    onProcesses(null, List.of(), disruption);
  }

  /** The same, crediting {@code kind} to the runs still under way when it begins. */
  private void onProcesses(String kind, List<ChaosRun> batch, Runnable disruption) {
    processes.execute(
        () -> {
          try {
            if (kind != null) {
              credit(kind, batch);
            }
            disruption.run();
          } catch (RuntimeException | AssertionError failure) {
            Console.step("chaos: a process disruption failed: %s", failure);
            processFailures.add(failure.toString());
          }
        });
  }

  /**
   * Fires a disruption. A disruption of the whole stack is credited to the runs still under way
   * when it happens (a process disruption when its turn on the processes' thread comes), a
   * campaign's own only when it did something to that campaign.
   */
  private void fire(Event e, List<ChaosRun> batch) {
    Console.step("chaos: %s%s", e.kind(), e.run() == null ? "" : " " + e.run().plan.campaignId());
    boolean hit = true;
    switch (e.kind()) {
      case "faults-on" -> {
        stack.sandbox().faults(random.nextLong(), faultRules());
        credit(e.kind(), batch);
      }
      case "faults-off" -> {
        countInjected();
        stack.sandbox().clearFaults();
        credit(e.kind(), batch);
      }
      case "kill-worker" ->
          onProcesses(
              e.kind(),
              batch,
              () -> {
                stack.killWorker();
                stack.startWorker();
              });
      case "second-worker-joins" ->
          onProcesses(
              e.kind(),
              batch,
              () -> {
                if (second.get() == null) {
                  second.set(stack.addWorker());
                }
              });
      case "second-worker-leaves" ->
          onProcesses(
              e.kind(),
              batch,
              () -> {
                LocalStack.Worker extra = second.getAndSet(null);
                if (extra != null) {
                  stack.removeWorker(extra);
                }
              });
      case "restart-dev-server" -> {
        Duration down = Duration.ofSeconds(2 + random.nextInt(8));
        onProcesses(
            e.kind(),
            batch,
            () -> {
              stack.stopTemporal();
              sleep(down);
              stack.startTemporal();
            });
      }
      case "restart-ledger" -> onProcesses(e.kind(), batch, stack::restartLedger);
      case "stall-ledger" -> {
        Duration stall = Duration.ofSeconds(5 + random.nextInt(26));
        onProcesses(e.kind(), batch, () -> stack.stallLedger(stall));
      }
      case "freeze-worker" -> {
        // Longer than the 6 s heartbeat timeout, so that another worker takes its segments.
        Duration frozen = Duration.ofSeconds(10 + random.nextInt(16));
        onProcesses(
            e.kind(),
            batch,
            () -> {
              if (second.get() == null) {
                second.set(stack.addWorker());
              }
              stack.freezeWorker(frozen);
            });
      }
      case "kill-api" ->
          onProcesses(
              e.kind(),
              List.of(e.run()),
              () -> {
                stack.killApi();
                stack.restartApi();
              });
      case "ops-pause" -> {
        Http.Answer a;
        try {
          a =
              stack
                  .api()
                  .post(
                      "/api/v1/campaigns/" + e.run().plan.campaignId() + "/pause",
                      Map.of("reason", "chaos: ops pause"));
        } catch (RuntimeException unavailable) {
          // The pause may still be enacted (the API waits for the stock's pause, which WeChat
          // Pay's faults can hold up past the client's timeout): credited when seen paused.
          Console.step("chaos: pause of %s: no answer", e.run().plan.campaignId());
          e.run().opsPauseUnanswered = true;
          return;
        }
        if (a.status() != 200) {
          Console.step(
              "chaos: pause of %s answered %d (%s)",
              e.run().plan.campaignId(), a.status(), a.body());
          return;
        }
      }
      case "ops-resume" -> hit = resume(e.run(), "MANUAL");
      case "redeem" -> hit = redeem(e.run());
      case "redeliver-notifications" -> hit = redeliver(e.run());
      default -> throw new IllegalStateException(e.kind());
    }
    if (e.run() != null && hit && !"kill-api".equals(e.kind())) {
      credit(e.kind(), List.of(e.run()));
    }
  }

  /**
   * Counts a disruption once, and credits it to those of {@code runs} still under way (a run that
   * has ended was not hit). The end of a burst, a worker leaving and a resume are parts of the
   * disruption that began them.
   */
  private void credit(String kind, List<ChaosRun> runs) {
    fired.merge(kind, 1, Integer::sum);
    if (kind.endsWith("-off") || kind.endsWith("-leaves") || kind.endsWith("-resume")) {
      return;
    }
    runs.stream().filter(r -> !r.done).forEach(r -> r.disruptions.add(kind));
  }

  /**
   * WeChat Pay misbehaving: errors, throttling, answers lost after the call took effect, 5xx after
   * the call took effect, and answers later than the client waits.
   */
  private List<Map<String, Object>> faultRules() {
    List<Map<String, Object>> rules = new ArrayList<>();
    for (String endpoint : List.of("create_stock", "start_stock", "pause_stock", "restart_stock")) {
      rules.add(
          Map.of(
              "endpoint",
              endpoint,
              "error_rate",
              0.2,
              "throttle_rate",
              0.1,
              "drop_rate",
              0.3,
              "commit_error_rate",
              0.1,
              "latency_ms",
              200));
    }
    // The first sends after the faults begin take effect but answer after the SDK's read timeout
    // (10 s): the worker sees a timeout for a coupon that was issued.
    rules.add(Map.of("endpoint", "send_coupon", "late_ms", 12_000, "max_count", 2));
    rules.add(
        Map.of(
            "endpoint",
            "send_coupon",
            "error_rate",
            0.03 + random.nextDouble() * 0.05,
            "throttle_rate",
            0.02 + random.nextDouble() * 0.05,
            "drop_rate",
            0.01 + random.nextDouble() * 0.03,
            "commit_error_rate",
            0.01 + random.nextDouble() * 0.02,
            "latency_ms",
            random.nextInt(40)));
    return rules;
  }

  private void countInjected() {
    JsonNode rules = stack.sandbox().faultState().path("rules");
    for (JsonNode r : rules) {
      injected.merge(
          r.path("rule").path("endpoint").asText(), r.path("injected").asLong(), Long::sum);
    }
  }

  private void poll(ChaosRun r, Map<String, Instant> pausedSince) {
    if (r.done) {
      return;
    }
    Http.Answer a;
    try {
      a = stack.api().get("/api/v1/campaigns/" + r.plan.campaignId());
    } catch (RuntimeException unavailable) {
      return;
    }
    if (a.status() != 200) {
      return;
    }
    JsonNode doc = a.json();
    String status = doc.path("status").asText();
    r.finalStatus = status;
    if (r.stockId == null
        && !doc.path("stock_id").asText("").isEmpty()
        && !doc.path("stock_id").isNull()) {
      r.stockId = doc.path("stock_id").asText();
    }
    if (Set.of("COMPLETED", "FAILED", "CANCELLED").contains(status)) {
      r.done = true;
      return;
    }
    if (!"PAUSED".equals(status)) {
      pausedSince.remove(r.plan.campaignId());
      return;
    }
    String reason = doc.path("pause").path("reason").asText();
    if ("MANUAL".equals(reason) && r.opsPauseUnanswered) {
      r.opsPauseUnanswered = false;
      credit("ops-pause", List.of(r));
    }
    Instant since = pausedSince.computeIfAbsent(r.plan.campaignId(), k -> Instant.now());
    if ("BUDGET_THRESHOLD".equals(reason)) {
      // Ops raise the budget and resume, as the runbook says.
      if (resume(r, reason)) {
        r.thresholdPauses++;
        r.disruptions.add("threshold-pause");
        fired.merge("threshold-pause", 1, Integer::sum);
      }
    } else if (Duration.between(since, Instant.now()).toSeconds()
        > ("MANUAL".equals(reason) ? 45 : 20)) {
      // A manual pause whose resume was lost (the API was unavailable then), or any other pause
      // (WeChat Pay errors that outlasted the retries): ops resume it after a look.
      if (resume(r, reason)) {
        r.otherPauses++;
        r.disruptions.add("paused " + reason);
        fired.merge("paused " + reason, 1, Integer::sum);
      }
    }
  }

  private boolean resume(ChaosRun r, String reason) {
    Http.Answer a;
    try {
      a = stack.api().post("/api/v1/campaigns/" + r.plan.campaignId() + "/resume", Map.of());
    } catch (RuntimeException unavailable) {
      return false;
    }
    if (a.status() != 200) {
      Console.step(
          "chaos: resume of %s (%s) answered %d: %s",
          r.plan.campaignId(), reason, a.status(), a.body());
    }
    return a.status() == 200;
  }

  /** Shoppers use a few coupons: the sandbox sends COUPON.USE to the API. */
  private boolean redeem(ChaosRun r) {
    if (r.stockId == null) {
      return false;
    }
    List<String> ids = stack.sandbox().redeemSome(r.stockId, 5 + random.nextInt(40));
    r.redeemed.addAll(ids);
    return !ids.isEmpty();
  }

  /** WeChat Pay sends some of those notifications again, newest first and shuffled. */
  private boolean redeliver(ChaosRun r) {
    List<String> ids = new ArrayList<>();
    for (JsonNode n : stack.sandbox().notifications()) {
      if (r.redeemed.contains(n.path("coupon_id").asText())) {
        ids.add(n.path("id").asText());
      }
    }
    Collections.shuffle(ids, random);
    List<String> again = new ArrayList<>(ids.subList(0, (ids.size() + 1) / 2));
    again.addAll(ids.subList(0, Math.min(3, ids.size())));
    int sent = stack.sandbox().redeliver(again);
    r.notificationsRedelivered += sent;
    return sent > 0;
  }

  // ---------------------------------------------------------------- checks

  private void check(ChaosRun r) {
    if (!"COMPLETED".equals(r.finalStatus)) {
      r.problems.add("ended " + r.finalStatus + ", expected COMPLETED");
    }
    if (r.stockId == null) {
      r.problems.add("no stock");
      r.missing = r.plan.recipients();
      return;
    }
    List<JsonNode> coupons = stack.sandbox().coupons(r.stockId);
    r.sandboxCoupons = coupons.size();
    for (JsonNode c : coupons) {
      Instant at = java.time.OffsetDateTime.parse(c.path("create_time").asText()).toInstant();
      r.firstCoupon = r.firstCoupon == null || at.isBefore(r.firstCoupon) ? at : r.firstCoupon;
      r.lastCoupon = r.lastCoupon == null || at.isAfter(r.lastCoupon) ? at : r.lastCoupon;
    }
    Map<String, Integer> perOpenid = new LinkedHashMap<>();
    coupons.forEach(c -> perOpenid.merge(c.path("openid").asText(), 1, Integer::sum));
    r.duplicates = perOpenid.values().stream().mapToLong(n -> n - 1L).sum();
    r.missing =
        r.plan.recipientsByWave().values().stream()
            .flatMap(List::stream)
            .filter(openid -> !perOpenid.containsKey(openid))
            .count();
    try {
      // The coupons just read, not a second paged download of the stock.
      ExactlyOnce.assertHolds(
          stockId -> coupons,
          stack.issuance(),
          r.plan.campaignId(),
          r.stockId,
          r.plan.recipientsByWave());
    } catch (AssertionError e) {
      r.problems.add("ledger ≠ sandbox: " + firstLine(e.getMessage()));
    }
    JsonNode doc = stack.api().get("/api/v1/campaigns/" + r.plan.campaignId()).expect(200);
    r.statusIssued = doc.path("issued").path("count").asLong();
    r.statusUsed = doc.path("used").path("count").asLong();
    if (r.statusIssued != r.sandboxCoupons) {
      r.problems.add("status issued " + r.statusIssued + " ≠ " + r.sandboxCoupons + " coupons");
    }
    if (r.statusUsed != r.redeemed.size()) {
      r.problems.add("status used " + r.statusUsed + " ≠ " + r.redeemed.size() + " redeemed");
    }
    // The ledger's COUPON.USE rows against the sandbox's redemptions: count and amount.
    long redeemedAmount =
        coupons.stream()
            .filter(c -> r.redeemed.contains(c.path("coupon_id").asText()))
            .mapToLong(c -> c.path("coupon_amount").asLong())
            .sum();
    CouponUses.Totals used = stack.uses().totals(r.plan.campaignId());
    r.usedAmount = used.amount();
    if (used.count() != r.redeemed.size() || used.amount() != redeemedAmount) {
      r.problems.add(
          "ledger uses "
              + used.count()
              + " coupons, "
              + used.amount()
              + " fen ≠ sandbox redemptions "
              + r.redeemed.size()
              + ", "
              + redeemedAmount
              + " fen");
    }
    // Runs of the campaign's chain: more than one when it continued as new.
    int chain = stack.cli().runs(r.plan.workflowId()).size();
    if (chain > 1) {
      r.continuedAsNew = chain - 1;
      r.disruptions.add("continued-as-new");
      fired.merge("continued-as-new", chain - 1, Integer::sum);
    }
    if ("COMPLETED".equals(r.finalStatus)) {
      JsonNode report =
          stack.api().get("/api/v1/campaigns/" + r.plan.campaignId() + "/report").expect(200);
      if (!report.path("balanced").asBoolean()) {
        r.problems.add("report does not balance");
      }
    }
  }

  // ---------------------------------------------------------------- the checks, proven

  /**
   * What {@link #plantFaultsAndCheck()} did behind the product's back, and what the checks said.
   */
  public record CheckerProof(
      String campaignId,
      String duplicateOpenid,
      String removedOpenid,
      long duplicates,
      long missing,
      List<String> problems) {}

  /**
   * Proves that the checks can fail: a small campaign on a quiet stack, during which a second
   * coupon is sent to one of its recipients outside the product; when it has completed, another
   * recipient's ledger row is deleted. The same checks as every run's must then report the
   * duplicate and the ledger that no longer matches the sandbox.
   */
  public CheckerProof plantFaultsAndCheck() {
    CampaignPlan plan =
        CampaignPlan.named(prefix + "-proof", Duration.ofSeconds(20), Duration.ofSeconds(40))
            .merchant(MERCHANTS[0][0], MERCHANTS[0][1])
            .maxCouponsPerUser(3)
            .wave("w0", Duration.ZERO, 300, 100);
    ChaosRun r = new ChaosRun(0, plan, null, false);
    stack.api().post("/api/v1/campaigns", plan.spec()).expect(201);
    List<String> recipients = plan.recipientsByWave().get(0);
    String duplicate = recipients.get(recipients.size() - 1);
    String removed = recipients.get(0);
    Map<String, Instant> pausedSince = new HashMap<>();
    Instant deadline = plan.end().plus(Duration.ofMinutes(5));
    boolean planted = false;
    while (!r.done && Instant.now().isBefore(deadline)) {
      poll(r, pausedSince);
      // Inside the stock's window: an activated stock refuses sends before its begin time.
      if (!planted
          && r.stockId != null
          && !Instant.now().isBefore(plan.begin())
          && "running".equals(stack.sandbox().stockStatus(r.stockId))) {
        String coupon = stack.sandbox().sendOutsideProduct(r.stockId, duplicate, plan.appid());
        Console.step("chaos proof: coupon %s sent to %s outside the product", coupon, duplicate);
        planted = true;
      }
      sleep(Duration.ofMillis(500));
    }
    int deleted = stack.deleteIssuanceRow(plan.campaignId(), removed);
    Console.step("chaos proof: %d ledger row of %s deleted", deleted, removed);
    check(r);
    return new CheckerProof(
        plan.campaignId(), duplicate, removed, r.duplicates, r.missing, List.copyOf(r.problems));
  }

  private static String firstLine(String s) {
    return s == null ? "" : s.lines().findFirst().orElse("");
  }

  private static void sleep(Duration d) {
    try {
      Thread.sleep(d.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
