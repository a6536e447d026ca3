package com.campaigns.e2e.chaos;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

/** What the fault campaign did and found: the console table and docs/reliability.md. */
public final class ChaosReport {

  private final int runs;
  private final long seed;
  private final int parallel;
  private final List<ChaosRun> results;
  private final Map<String, Integer> fired;
  private final Map<String, Long> injected;
  private final List<String> processFailures;
  private final Duration took;

  ChaosReport(
      int runs,
      long seed,
      int parallel,
      List<ChaosRun> results,
      Map<String, Integer> fired,
      Map<String, Long> injected,
      List<String> processFailures,
      Duration took) {
    this.runs = runs;
    this.seed = seed;
    this.parallel = parallel;
    this.results = List.copyOf(results);
    this.fired = Map.copyOf(fired);
    this.injected = Map.copyOf(injected);
    this.processFailures = List.copyOf(processFailures);
    this.took = took;
  }

  public long duplicates() {
    return results.stream().mapToLong(r -> r.duplicates).sum();
  }

  public long missing() {
    return results.stream().mapToLong(r -> r.missing).sum();
  }

  /**
   * Runs that did not pass every check, with what was wrong, and disruptions the driver could not
   * carry out.
   */
  public List<String> failures() {
    List<String> out =
        new java.util.ArrayList<>(
            results.stream()
                .filter(r -> !r.passed())
                .map(r -> "run " + r.number + " " + r.plan.campaignId() + ": " + r.problems)
                .toList());
    processFailures.forEach(f -> out.add("disruption failed: " + f));
    return out;
  }

  /** Runs each kind of disruption hit, by kind (every kind of {@link Chaos#KINDS}, 0 or more). */
  public Map<String, Long> runsHit() {
    Map<String, Long> hit = new java.util.TreeMap<>();
    Chaos.KINDS.forEach(k -> hit.put(k, 0L));
    for (ChaosRun r : results) {
      synchronized (r.disruptions) {
        r.disruptions.forEach(k -> hit.merge(k, 1L, Long::sum));
      }
    }
    return hit;
  }

  /** Kinds of disruption that hit no run. */
  public List<String> kindsNotHit() {
    return runsHit().entrySet().stream()
        .filter(e -> Chaos.KINDS.contains(e.getKey()) && e.getValue() == 0)
        .map(Map.Entry::getKey)
        .toList();
  }

  /** The last line of the command's output. */
  public String verdict() {
    return "chaos: "
        + results.size()
        + " runs, "
        + duplicates()
        + " duplicates, "
        + missing()
        + " missing";
  }

  /** The console table: one line per run, the faults by kind, then the verdict. */
  public String table() {
    StringBuilder b = new StringBuilder();
    b.append(
        String.format(
            "%-4s %-16s %-10s %7s %5s %5s %-10s %8s %4s %4s %5s  %s%n",
            "run",
            "campaign",
            "merchant",
            "recips",
            "waves",
            "thr%",
            "end",
            "coupons",
            "dup",
            "miss",
            "used",
            "disruptions"));
    for (ChaosRun r : results) {
      b.append(
          String.format(
              "%-4d %-16s %-10s %7d %5d %5s %-10s %8d %4d %4d %5d  %s%s%n",
              r.number,
              r.plan.campaignId(),
              r.plan.mchid(),
              r.plan.recipients(),
              r.plan.waves().size(),
              r.thresholdPercent == null ? "-" : r.thresholdPercent,
              r.finalStatus,
              r.sandboxCoupons,
              r.duplicates,
              r.missing,
              r.statusUsed,
              String.join(",", r.disruptions),
              r.problems.isEmpty() ? "" : "  PROBLEMS " + r.problems));
    }
    b.append(String.format("%nfaults by kind: %s%n", fired));
    b.append(String.format("runs hit, by kind: %s%n", runsHit()));
    b.append(String.format("faults injected by the sandbox, by endpoint: %s%n", injected));
    b.append(
        String.format(
            "runs %d, failed checks %d, coupons %d, seed %d, %d at a time, %d min%n",
            results.size(),
            failures().size(),
            results.stream().mapToLong(r -> r.sandboxCoupons).sum(),
            seed,
            parallel,
            took.toMinutes()));
    b.append(verdict()).append('\n');
    return b.toString();
  }

  public void writeMarkdown(Path file, String command) {
    long coupons = results.stream().mapToLong(r -> r.sandboxCoupons).sum();
    long recipients = results.stream().mapToLong(r -> r.plan.recipients()).sum();
    StringBuilder b = new StringBuilder();
    b.append("# Reliability: the fault campaign\n\n");
    b.append("Written by `")
        .append(command)
        .append("` on ")
        .append(OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.SECONDS))
        .append(" (")
        .append(Runtime.getRuntime().availableProcessors())
        .append(" cores, Java ")
        .append(System.getProperty("java.version"))
        .append("). Do not edit by hand: run it again.\n\n");
    b.append("**")
        .append(verdict())
        .append("**: ")
        .append(results.size())
        .append(" randomized campaigns, ")
        .append(recipients)
        .append(" recipients, ")
        .append(coupons)
        .append(" coupons, ")
        .append(failures().size())
        .append(" runs failing a check, in ")
        .append(took.toMinutes())
        .append(" minutes (seed ")
        .append(seed)
        .append(", ")
        .append(parallel)
        .append(" campaigns at a time).\n\n");
    b.append(METHOD);
    b.append(
        "\n## Disruptions\n\nTimes each kind fired, and the runs it hit: a disruption of the whole"
            + " stack counts for the runs still under way when it began, a campaign's own for that"
            + " campaign when it did something to it.\n\n| kind | times | runs hit |\n|---|--:|--:|\n");
    Map<String, Long> hit = runsHit();
    java.util.Set<String> kinds = new java.util.TreeSet<>(fired.keySet());
    kinds.addAll(hit.keySet());
    kinds.forEach(
        k ->
            b.append("| ")
                .append(k)
                .append(" | ")
                .append(fired.getOrDefault(k, 0))
                .append(" | ")
                .append(hit.containsKey(k) ? String.valueOf(hit.get(k)) : "–")
                .append(" |\n"));
    b.append(
        "\nFaults the sandbox injected while the bursts were on (errors, 429s and dropped answers, by "
            + "endpoint; a delayed call counts too): ");
    b.append(injected.isEmpty() ? "none" : injected.toString()).append(".\n");
    b.append(
        "\n## Runs\n\n| run | merchant | recipients | waves | threshold % | end state | coupons | "
            + "duplicates | missing | used | disruptions | problems |\n|--:|---|--:|--:|--:|---|--:|--:|--:|--:|---|---|\n");
    for (ChaosRun r : results) {
      b.append("| ")
          .append(r.number)
          .append(" | ")
          .append(r.plan.mchid())
          .append(" | ")
          .append(r.plan.recipients())
          .append(" | ")
          .append(r.plan.waves().size())
          .append(" | ")
          .append(r.thresholdPercent == null ? "–" : r.thresholdPercent)
          .append(" | ")
          .append(r.finalStatus)
          .append(" | ")
          .append(r.sandboxCoupons)
          .append(" | ")
          .append(r.duplicates)
          .append(" | ")
          .append(r.missing)
          .append(" | ")
          .append(r.statusUsed)
          .append(" | ")
          .append(String.join(", ", r.disruptions))
          .append(" | ")
          .append(r.problems.isEmpty() ? "" : String.join("; ", r.problems).replace("|", "\\|"))
          .append(" |\n");
    }
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      Files.writeString(file, b.toString(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static final String METHOD =
      """
      ## What it does

      `./campaigns chaos --runs N --seed S [--parallel P]` starts the product as it ships (the Temporal
      dev server on a SQLite file, the WeChat Pay sandbox, a worker and the API, each from its exec jar;
      the ledger, the campaign index and the uploaded audiences in a private PostgreSQL cluster) and runs
      N randomized campaigns, P at a time, through the REST API:

      - one to three waves, 1 000–20 000 recipients (log-uniform), 100–500 coupons/s per wave, one of the
        sandbox's two merchants (public-key mode and platform-certificate mode), `max_coupons_per_user` 3
        (WeChat Pay would accept a second coupon for a person: only our idempotency prevents one), and in
        half of the runs a budget threshold on the issued amount at 10–45 % of the budget (ops resume the
        campaign when it pauses there). Waves over the 10 000 inline openids a spec may carry, and 30 % of
        the others, are uploaded as audiences (`POST /api/v1/audiences`). A quarter of the campaigns
        are started through a second API whose history threshold is the lowest allowed (500 events,
        segments of 25 recipients), so they continue as new while they issue.
      - The first round is shaped so that every kind of disruption below hits it: at least 20 000
        coupons in a stock window sized for 60 coupons/s, each disruption of the stack once early in
        the issuing (the quick ones first, then those that start a process), the first run on the
        public-key merchant with a threshold, the largest run continuing as new. So even the short
        version sees every kind; the later rounds draw theirs from the seed.

      While they run, at moments drawn from the seed:

      | disruption | what happens |
      |---|---|
      | `faults-on` / `faults-off` | for 10–35 s WeChat Pay answers create/activate/pause/restart with 20 % 500s, 10 % 429s, 30 % dropped answers and 10 % 500s after the call took effect (200 ms latency); the first two sends take effect but answer after 12 s (the SDK's read timeout is 10 s); then sends get 3–8 % 500s, 2–7 % 429s, 1–4 % dropped answers, 1–3 % 500s after the coupon was issued and up to 40 ms latency |
      | `kill-worker` | `kill -9` of the worker in the middle of issuance, then a new worker process |
      | `second-worker-joins` / `-leaves` | a second worker process polls the task queue for 20–60 s, then shuts down |
      | `restart-dev-server` | the Temporal dev server is stopped and started again on the same SQLite file after 2–10 s |
      | `restart-ledger` | the ledger's PostgreSQL is restarted (`pg_ctl restart -m fast`: every connection cut, transactions in flight rolled back) in the middle of issuance |
      | `stall-ledger` | the ledger's PostgreSQL processes are stopped with SIGSTOP for 5–30 s, then continued: queries hang without an error |
      | `freeze-worker` | the worker is stopped with SIGSTOP for 10–25 s (the heartbeat timeout is 6 s) while a second worker polls: its segments move to the other worker, then it wakes up as a zombie sender |
      | `kill-api` | `kill -9` of the API right when shoppers redeem coupons, then it starts again; WeChat Pay (the sandbox) makes 9 attempts per COUPON.USE notification, 20 s apart; a redelivery is a send beside that schedule |
      | `ops-pause` / `ops-resume` | ops pause a campaign through the API and resume it 5–20 s later |
      | `threshold-pause` | the campaign paused itself at its budget threshold; ops resumed it |
      | `continued-as-new` | the campaign's run continued as new (counted from its chain of runs on the server) |
      | `redeem` / `redeliver-notifications` | shoppers use 5–45 coupons (the sandbox sends signed COUPON.USE notifications); later WeChat Pay sends half of them again, shuffled, some three times |

      After each run it checks, against the sandbox's own records:

      1. the campaign reached COMPLETED (its flows downloaded and reconciled, the report balanced);
      2. the sandbox's coupons are exactly the ledger's issued rows (`ExactlyOnce`, shared with the in-memory tests);
      3. no openid holds two coupons of the run's stock (openids are unique per campaign, so per (campaign, wave, openid)): **duplicates**;
      4. every recipient holds a coupon (no per-recipient rejection exists in these runs): **missing**;
      5. the status document's issued count equals the coupons, and its used count equals the coupons redeemed, each notification counted once however often it arrived;
      6. the ledger's COUPON.USE rows equal the sandbox's redemptions, in count and in amount.

      The checks are proven able to fail: after the runs, a small campaign gets a second coupon for
      one recipient sent outside the product, and once it has completed another recipient's ledger
      row is deleted; the same checks must report the duplicate and the ledger that no longer
      matches the sandbox (`ChaosIT` fails otherwise).

      ## What it found

      Round 2 (the database, the API and the disruptions above) found these, each fixed with a test
      that reproduces it before the campaign was run again:

      - **A recipient skipped** (the product): a send whose retry could not get a send slot while the
        ledger's PostgreSQL restarted threw on its sender thread, which died; its recipient kept no
        coupon and no outcome, and the segment reported COMPLETED (3 recipients in one run of the
        short version, 1 in each of two others). Now such a send fails the attempt, which Temporal
        retries, and a segment never reports COMPLETED while a recipient lacks an outcome
        (`CampaignDisruptionIT`: 597 of 600 before the fix).
      - **Uses counted late** (the product): a usage report pending when the API was killed died with
        it, and WeChat Pay, answered 200, sends nothing again; campaigns completed with a used count
        behind the ledger's. The API now reports to every campaign not closed once it has started,
        and on every delivery of a notification, a repeated one included (`UsageReportTest`).
      - **Uses given up** (the sandbox): a redelivery used up an attempt of the notification's retry
        schedule and started a second one, so with the API killed twice in a row three events were
        given up that WeChat Pay would still have delivered. A redelivery is now a send beside the
        schedule (`NotificationTest`).

      The README test command runs a short version (5 runs, seed 20261127) in the real-server suite
      (`ChaosIT`), which fails on any duplicate, missing recipient or failed check, and when a kind
      of disruption hit no run.
      """;
}
