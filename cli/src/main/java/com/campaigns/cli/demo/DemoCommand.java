package com.campaigns.cli.demo;

import com.campaigns.cli.JsonHttp;
import com.campaigns.cli.JsonHttp.Answer;
import com.campaigns.cli.JsonHttp.CallFailed;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Runs the sample campaign of {@link DemoScenario} end to end through the REST API: uploads an
 * audience, validates, creates, follows it live while redeeming some coupons through the sandbox
 * (so real COUPON.USE notifications reach the API), then prints the reconciliation report and
 * checks what the demo is meant to show. Exit code 0 only when every check passes.
 */
@Command(
    name = "scenario",
    mixinStandardHelpOptions = true,
    description =
        "Run the sample campaign end to end against a running stack (./campaigns demo starts one).")
public final class DemoCommand implements Callable<Integer> {

  static final int OK = 0;
  static final int CHECKS_FAILED = 1;
  static final int CALL_FAILED = 3;
  private static final Set<String> TERMINAL = Set.of("COMPLETED", "FAILED", "CANCELLED");

  @Option(
      names = "--api",
      defaultValue = "http://127.0.0.1:8080",
      description = "API base URL (default ${DEFAULT-VALUE})")
  String api;

  @Option(
      names = "--sandbox",
      defaultValue = "http://127.0.0.1:8090",
      description = "sandbox base URL, for its admin API (default ${DEFAULT-VALUE})")
  String sandbox;

  @Option(
      names = "--token-file",
      description =
          "file holding the API's bearer token (marketer role; ./campaigns"
              + " demo passes .data/local-token); else the CAMPAIGNS_API_TOKEN environment variable")
  java.nio.file.Path tokenFile;

  @Option(
      names = "--temporal-ui",
      description = "Temporal Web UI base URL, to print the run's link")
  String temporalUi;

  @Option(
      names = "--namespace",
      defaultValue = "default",
      description = "Temporal namespace (default ${DEFAULT-VALUE})")
  String namespace;

  @Option(
      names = "--lead",
      defaultValue = "PT25S",
      description = "stock begins this long after creation (${DEFAULT-VALUE})")
  Duration lead;

  @Option(
      names = "--duration",
      defaultValue = "PT2M",
      description = "stock availability (${DEFAULT-VALUE})")
  Duration duration;

  @Option(
      names = "--rate",
      defaultValue = "50",
      description = "send rate of each wave per second (${DEFAULT-VALUE})")
  int rate;

  @Option(names = "--plain", description = "no in-place redrawing, even on a terminal")
  boolean plain;

  @Option(names = "--poll", defaultValue = "PT1S", hidden = true)
  Duration poll;

  @Option(names = "--api-wait", defaultValue = "PT30S", hidden = true)
  Duration apiWait;

  private final PrintStream out;
  private final Clock clock;

  public DemoCommand() {
    this(new PrintStream(System.out, true, StandardCharsets.UTF_8), Clock.systemUTC());
  }

  DemoCommand(PrintStream out, Clock clock) {
    this.out = out;
    this.clock = clock;
  }

  /** What happened during the run, for the final checks. */
  static final class Observed {
    long redeemed;
    long refunded;
    boolean vipRedeemed;
    boolean allRedeemed;
    JsonNode finalStatus;
    JsonNode report;
  }

  @Override
  public Integer call() {
    String token;
    try {
      token = token();
    } catch (CallFailed e) {
      out.println();
      out.println("✗ DEMO FAILED: " + e.getMessage());
      return CALL_FAILED;
    }
    JsonHttp apiHttp = new JsonHttp(api, token);
    JsonHttp sandboxHttp = new JsonHttp(sandbox);
    Observed seen = new Observed();
    String[] created = {null};
    Thread cancelOnInterrupt =
        new Thread(() -> cancelQuietly(apiHttp, created[0], seen), "demo-cancel");
    Runtime.getRuntime().addShutdownHook(cancelOnInterrupt);
    try {
      DemoScenario scenario =
          DemoScenario.at(
              clock.instant(),
              new DemoScenario.Settings(
                  300,
                  900,
                  rate,
                  lead,
                  duration,
                  Duration.ofSeconds(10),
                  Duration.ofSeconds(20),
                  Duration.ofSeconds(5)));
      waitForApi(apiHttp);
      String audienceId = upload(apiHttp, scenario);
      ObjectNode spec = scenario.spec(audienceId);
      validate(apiHttp, spec);
      JsonNode status = create(apiHttp, spec);
      created[0] = status.path("campaign_id").asText(scenario.campaignId());
      printLinks(status);
      follow(apiHttp, sandboxHttp, created[0], scenario, seen);
      seen.report = report(apiHttp, created[0]);
      printReport(seen.report);
      List<String> failures = check(scenario, seen);
      if (!failures.isEmpty()) {
        out.println();
        out.println("✗ DEMO FAILED: " + failures.size() + " check(s) did not pass:");
        failures.forEach(f -> out.println("  ✗ " + f));
        return CHECKS_FAILED;
      }
      out.println();
      out.println("✓ demo passed: the campaign COMPLETED and its reconciliation report balances.");
      printLinks(seen.finalStatus);
      return OK;
    } catch (CallFailed e) {
      out.println();
      out.println("✗ DEMO FAILED: " + e.getMessage());
      return CALL_FAILED;
    } catch (DemoFailure e) {
      out.println();
      out.println("✗ DEMO FAILED: " + e.getMessage());
      return CHECKS_FAILED;
    } finally {
      cancelQuietly(apiHttp, created[0], seen);
      try {
        Runtime.getRuntime().removeShutdownHook(cancelOnInterrupt);
      } catch (IllegalStateException shuttingDown) {
        // The hook is running already.
      }
    }
  }

  /** A failure of the demo's own expectations, explained. */
  static final class DemoFailure extends RuntimeException {
    DemoFailure(String message) {
      super(message);
    }
  }

  /**
   * The bearer token: from --token-file, else CAMPAIGNS_API_TOKEN, else none (the API then answers
   * 401).
   */
  private String token() {
    if (tokenFile != null) {
      try {
        return java.nio.file.Files.readString(tokenFile, StandardCharsets.UTF_8).strip();
      } catch (java.io.IOException e) {
        throw new CallFailed(
            "cannot read the token file " + tokenFile + ": " + e.getMessage(), -1, null, e);
      }
    }
    String env = System.getenv("CAMPAIGNS_API_TOKEN");
    return env == null || env.isBlank() ? null : env.strip();
  }

  private void waitForApi(JsonHttp http) {
    Instant deadline = clock.instant().plus(apiWait);
    while (true) {
      try {
        JsonHttp.expect("GET /api/v1/campaigns", http.get("/api/v1/campaigns"), 200);
        return;
      } catch (CallFailed e) {
        if (clock.instant().isAfter(deadline)) {
          throw new CallFailed(
              "the API at " + http.base() + " is not answering: " + e.getMessage(),
              e.status(),
              e.body(),
              e);
        }
        sleep(Duration.ofMillis(500));
      }
    }
  }

  private String upload(JsonHttp http, DemoScenario scenario) {
    heading("1. Upload the audience of wave \"all\" (POST /api/v1/audiences, text/plain)");
    JsonNode receipt =
        JsonHttp.expect(
            "POST /api/v1/audiences",
            http.postText("/api/v1/audiences", "text/plain", scenario.uploadBody()),
            201);
    String id = require(receipt, "audience_id", "POST /api/v1/audiences").asText();
    out.printf(
        "  audience %s: %d openids, %d duplicates removed, %d invalid line(s) %s%n",
        id,
        receipt.path("count").asLong(),
        receipt.path("duplicates_removed").asLong(),
        receipt.path("invalid").size(),
        receipt.path("invalid").size() > 0 ? receipt.path("invalid").toString() : "");
    if (receipt.path("count").asLong() != scenario.uploadedOpenids().size()) {
      throw new DemoFailure(
          "the API counted "
              + receipt.path("count").asLong()
              + " openids in the upload, expected "
              + scenario.uploadedOpenids().size());
    }
    out.printf(
        "  wave \"vip\" takes its %d openids inline in the spec%n",
        scenario.inlineOpenids().size());
    return id;
  }

  private void validate(JsonHttp http, ObjectNode spec) {
    heading("2. Validate the spec (POST /api/v1/campaigns/validate)");
    Answer answer = http.postJson("/api/v1/campaigns/validate", spec);
    if (answer.status() == 400) {
      throw new DemoFailure(
          "the API says the demo spec is invalid: " + answer.json().path("violations"));
    }
    JsonNode valid = JsonHttp.expect("POST /api/v1/campaigns/validate", answer, 200);
    if (!valid.path("valid").asBoolean(false)) {
      throw new DemoFailure("validate answered valid=false: " + answer.body());
    }
    JsonNode plan = valid.path("plan");
    out.println("  valid. plan: " + oneLine(plan));
  }

  private JsonNode create(JsonHttp http, ObjectNode spec) {
    heading("3. Create the campaign (POST /api/v1/campaigns)");
    JsonNode status =
        JsonHttp.expect(
            "POST /api/v1/campaigns", http.postJson("/api/v1/campaigns", spec), 201, 200);
    JsonNode stock = spec.path("stock");
    out.printf(
        "  campaign %s is %s; stock available %s → %s; waves vip at %s, all at %s%n",
        status.path("campaign_id").asText(),
        status.path("status").asText(),
        stock.path("available_begin_time").asText(),
        stock.path("available_end_time").asText(),
        spec.path("waves").get(0).path("start_at").asText(),
        spec.path("waves").get(1).path("start_at").asText());
    out.println(
        "  budget guard: issued_amount 50% pauses the stock, restarted automatically after 20 s");
    return status;
  }

  private void follow(
      JsonHttp api, JsonHttp sandboxHttp, String id, DemoScenario scenario, Observed seen) {
    heading("4. Follow it live (GET /api/v1/campaigns/" + id + " every second)");
    ProgressView view = new ProgressView(out, !plain && System.console() != null);
    Instant started = clock.instant();
    Instant deadline = scenario.end().plus(Duration.ofSeconds(90));
    String path = "/api/v1/campaigns/" + id;
    while (true) {
      JsonNode status = JsonHttp.expect("GET " + path, api.get(path), 200);
      String stockId =
          status.path("stock_id").isTextual() ? status.path("stock_id").asText() : null;
      long sandboxIssued = stockId == null ? -1 : sandboxCount(sandboxHttp, stockId);
      react(sandboxHttp, status, stockId, seen);
      view.update(
          status, sandboxIssued, clock.millis(), Duration.between(started, clock.instant()));
      String phase = status.path("status").asText();
      if (TERMINAL.contains(phase)) {
        view.finish();
        seen.finalStatus = status;
        if (!"COMPLETED".equals(phase)) {
          JsonNode failure = status.path("failure");
          throw new DemoFailure(
              "the campaign ended " + phase + (failure.isObject() ? ": " + failure : ""));
        }
        return;
      }
      if (clock.instant().isAfter(deadline)) {
        view.finish();
        seen.finalStatus = status;
        throw new DemoFailure(
            "the campaign is still "
                + phase
                + " at "
                + DemoScenario.rfc3339(clock.instant())
                + ", 90 s after its stock ended; see the worker and API logs");
      }
      sleep(poll);
    }
  }

  /** Redeems coupons at the sandbox once a wave is done, as shoppers would. */
  private void react(JsonHttp sandboxHttp, JsonNode status, String stockId, Observed seen) {
    if (stockId == null) {
      return;
    }
    for (JsonNode w : status.path("waves")) {
      boolean done = "DONE".equals(w.path("status").asText());
      if (done && "vip".equals(w.path("name").asText()) && !seen.vipRedeemed) {
        seen.vipRedeemed = true;
        seen.redeemed += redeem(sandboxHttp, stockId, 40);
      }
      if (done && "all".equals(w.path("name").asText()) && !seen.allRedeemed) {
        seen.allRedeemed = true;
        seen.redeemed += redeem(sandboxHttp, stockId, 60);
        JsonNode refund =
            JsonHttp.expect(
                "POST /sandbox/stocks/" + stockId + "/refund",
                sandboxHttp.postJson("/sandbox/stocks/" + stockId + "/refund", "{\"count\": 5}"),
                200);
        seen.refunded += refund.path("count").asLong();
      }
    }
  }

  private static long redeem(JsonHttp sandboxHttp, String stockId, int count) {
    JsonNode answer =
        JsonHttp.expect(
            "POST /sandbox/stocks/" + stockId + "/redeem",
            sandboxHttp.postJson(
                "/sandbox/stocks/" + stockId + "/redeem", "{\"count\": " + count + "}"),
            200);
    return answer.path("count").asLong();
  }

  private static long sandboxCount(JsonHttp sandboxHttp, String stockId) {
    try {
      Answer a = sandboxHttp.get("/sandbox/stocks/" + stockId + "/coupons?offset=0&limit=1");
      return a.status() == 200 ? a.json().path("total_count").asLong(-1) : -1;
    } catch (CallFailed e) {
      return -1;
    }
  }

  private JsonNode report(JsonHttp http, String id) {
    heading("5. Reconciliation report (GET /api/v1/campaigns/" + id + "/report)");
    String path = "/api/v1/campaigns/" + id + "/report";
    Instant deadline = clock.instant().plusSeconds(30);
    while (true) {
      Answer answer = http.get(path);
      if (answer.status() != 409 || clock.instant().isAfter(deadline)) {
        return JsonHttp.expect("GET " + path, answer, 200);
      }
      sleep(Duration.ofSeconds(1));
    }
  }

  private void printReport(JsonNode report) {
    JsonNode t = report.path("totals");
    if (t.isObject()) {
      out.printf(
          "  %-8s %10s %12s %10s %12s %12s%n",
          "", "issued", "issued fen", "used", "used fen", "refunded");
      out.println(row("campaign", t));
      for (JsonNode w : report.path("waves")) {
        out.println(
            row(
                "wave " + w.path("wave").asText(String.valueOf(w.path("wave_index").asInt())),
                w.path("totals")));
      }
      out.printf(
          "  COUPON.USE notifications received: %d (%d fen)%n",
          t.path("notified_count").asLong(), t.path("notified_amount").asLong());
    } else {
      out.println("  " + report.toPrettyString().replace("\n", "\n  "));
    }
    JsonNode mismatches = report.path("mismatches");
    out.println(
        "  balanced: "
            + report.path("balanced").asText("?")
            + ", mismatches: "
            + mismatches.size());
    for (int i = 0; i < Math.min(10, mismatches.size()); i++) {
      out.println("    " + oneLine(mismatches.get(i)));
    }
  }

  private static String row(String label, JsonNode t) {
    return String.format(
        Locale.ROOT,
        "  %-8s %10d %12d %10d %12d %12d",
        label,
        t.path("issued_count").asLong(),
        t.path("issued_amount").asLong(),
        t.path("use_flow_count").asLong(),
        t.path("use_flow_amount").asLong(),
        t.path("refund_flow_count").asLong());
  }

  /** Everything the demo is meant to show, each as a failure message when it did not happen. */
  static List<String> check(DemoScenario scenario, Observed seen) {
    List<String> failures = new ArrayList<>();
    JsonNode status = seen.finalStatus;
    JsonNode report = seen.report;
    if (!"COMPLETED".equals(status.path("status").asText())) {
      failures.add("the campaign is " + status.path("status").asText() + ", not COMPLETED");
    }
    if (!report.path("balanced").asBoolean(false)) {
      failures.add(
          "the reconciliation report does not balance: "
              + report.path("mismatches").size()
              + " mismatch(es), e.g. "
              + (report.path("mismatches").size() > 0
                  ? oneLine(report.path("mismatches").get(0))
                  : "-"));
    }
    long recipients = 0;
    for (JsonNode w : status.path("waves")) {
      recipients += w.path("recipients").asLong();
      if (!"DONE".equals(w.path("status").asText())) {
        failures.add(
            "wave " + w.path("name").asText() + " is " + w.path("status").asText() + ", not DONE");
      }
    }
    if (status.path("waves").size() < 2 || recipients < 1000) {
      failures.add(
          "expected at least 2 waves and 1000 recipients, got "
              + status.path("waves").size()
              + " and "
              + recipients);
    }
    long issued = status.path("issued").path("count").asLong();
    if (issued != scenario.expectedIssued()) {
      failures.add(
          "issued "
              + issued
              + " coupons, expected "
              + scenario.expectedIssued()
              + " (every recipient but "
              + DemoScenario.OVERLAP
              + " repeated and "
              + DemoScenario.ABNORMAL
              + " abnormal)");
    }
    JsonNode totals = report.path("totals");
    if (totals.path("issued_count").asLong() != issued) {
      failures.add(
          "the report counts "
              + totals.path("issued_count").asLong()
              + " issued coupons, the status "
              + issued);
    }
    if (!budgetPauseAndRestart(status.path("history"))) {
      failures.add(
          "no budget auto-pause (PAUSED BUDGET_THRESHOLD) followed by RESUMED in the campaign history");
    }
    if (seen.redeemed == 0) {
      failures.add("no coupon could be redeemed at the sandbox");
    }
    if (totals.path("use_flow_count").asLong() != seen.redeemed) {
      failures.add(
          "the downloaded use flow lists "
              + totals.path("use_flow_count").asLong()
              + " coupons, "
              + seen.redeemed
              + " were redeemed");
    }
    if (totals.path("notified_count").asLong() != seen.redeemed) {
      failures.add(
          "the API received "
              + totals.path("notified_count").asLong()
              + " COUPON.USE notifications, "
              + seen.redeemed
              + " coupons were redeemed");
    }
    if (totals.path("refund_flow_count").asLong() != seen.refunded) {
      failures.add(
          "the refund flow lists "
              + totals.path("refund_flow_count").asLong()
              + " refunds, "
              + seen.refunded
              + " were made");
    }
    return failures;
  }

  static boolean budgetPauseAndRestart(JsonNode history) {
    boolean paused = false;
    for (JsonNode h : history) {
      String event = h.path("event").asText();
      if ("PAUSED".equals(event) && h.path("detail").asText().contains("BUDGET_THRESHOLD")) {
        paused = true;
      } else if (paused && "RESUMED".equals(event)) {
        return true;
      }
    }
    return false;
  }

  private void printLinks(JsonNode status) {
    if (temporalUi != null && !temporalUi.isBlank()) {
      String workflowId =
          status.path("workflow_id").asText("campaign-" + status.path("campaign_id").asText());
      out.println(
          "  Temporal Web UI: "
              + temporalUi
              + "/namespaces/"
              + namespace
              + "/workflows/"
              + workflowId);
    }
  }

  private void cancelQuietly(JsonHttp http, String id, Observed seen) {
    if (id == null
        || seen.finalStatus != null
            && TERMINAL.contains(seen.finalStatus.path("status").asText())) {
      return;
    }
    try {
      Answer a =
          http.postJson("/api/v1/campaigns/" + id + "/cancel", "{\"reason\": \"demo stopped\"}");
      out.println(
          "  (campaign " + id + " cancelled so that it does not linger: HTTP " + a.status() + ")");
    } catch (RuntimeException e) {
      out.println("  (could not cancel campaign " + id + ": " + e.getMessage() + ")");
    }
  }

  private static JsonNode require(JsonNode node, String field, String what) {
    JsonNode v = node.path(field);
    if (v.isMissingNode() || v.isNull()) {
      throw new DemoFailure(what + " answered without \"" + field + "\": " + oneLine(node));
    }
    return v;
  }

  private void heading(String text) {
    out.println();
    out.println("▶ " + text);
  }

  private static String oneLine(JsonNode node) {
    String s = node.toString();
    return s.length() > 400 ? s.substring(0, 400) + "…" : s;
  }

  private static void sleep(Duration d) {
    try {
      Thread.sleep(d.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new DemoFailure("interrupted");
    }
  }
}
