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
import java.util.List;
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
  private static final Set<String> TERMINAL =
      Set.of("COMPLETED", "FAILED", "CANCELLED", "REJECTED", "EXPIRED");

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
      ReportPrinter.print(out, seen.report);
      List<String> failures = DemoChecks.check(scenario, seen);
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
      long sandboxIssued = stockId == null ? -1 : Shoppers.sandboxCount(sandboxHttp, stockId);
      Shoppers.react(sandboxHttp, status, stockId, seen);
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

  static String oneLine(JsonNode node) {
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
