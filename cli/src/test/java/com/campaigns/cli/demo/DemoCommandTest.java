package com.campaigns.cli.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.campaigns.cli.JsonHttp;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * The demo driver against a scripted API and sandbox: what it calls, what it prints, how it exits.
 */
class DemoCommandTest {

  private final FakeStack stack = new FakeStack();
  private final ByteArrayOutputStream printed = new ByteArrayOutputStream();

  @AfterEach
  void stop() {
    stack.close();
  }

  @Test
  void passesWhenTheCampaignCompletesAndTheReportBalances() {
    int exit = run();

    assertThat(output())
        .contains("✓ demo passed")
        .contains("THRESHOLD_REACHED")
        .contains("wave all")
        .contains("Temporal Web UI: http://ui.example/namespaces/default/workflows/campaign-");
    assertThat(exit).isEqualTo(DemoCommand.OK);
    assertThat(stack.calls)
        .contains(
            "POST /api/v1/audiences",
            "POST /api/v1/campaigns/validate",
            "POST /api/v1/campaigns",
            "POST /sandbox/stocks/1764200000001/redeem",
            "POST /sandbox/stocks/1764200000001/refund");
    assertThat(stack.calls)
        .doesNotContain("POST /api/v1/campaigns/" + stack.campaignId + "/cancel");
  }

  @Test
  void failsAndExplainsWhenTheReportDoesNotBalance() {
    stack.balanced = false;

    int exit = run();

    assertThat(exit).isEqualTo(DemoCommand.CHECKS_FAILED);
    assertThat(output())
        .contains("DEMO FAILED")
        .contains("does not balance")
        .contains("USED_NOT_NOTIFIED");
  }

  @Test
  void failsWhenTheCampaignFails() {
    stack.finalPhase = "FAILED";

    int exit = run();

    assertThat(exit).isEqualTo(DemoCommand.CHECKS_FAILED);
    assertThat(output()).contains("the campaign ended FAILED").contains("STOCK_CREATE_REFUSED");
  }

  @Test
  void failsWhenTheBudgetPauseNeverHappened() {
    stack.withBudgetPause = false;

    int exit = run();

    assertThat(exit).isEqualTo(DemoCommand.CHECKS_FAILED);
    assertThat(output()).contains("no budget auto-pause");
  }

  @Test
  void cancelsTheCampaignWhenTheApiBreaksHalfway() {
    stack.breakStatusAfter = 2;

    int exit = run();

    assertThat(exit).isEqualTo(DemoCommand.CALL_FAILED);
    assertThat(output()).contains("answered HTTP 500");
    assertThat(stack.calls).contains("POST /api/v1/campaigns/" + stack.campaignId + "/cancel");
  }

  @Test
  void failsFastWhenTheApiIsNotThere() {
    int exit =
        new CommandLine(
                new DemoCommand(
                    new PrintStream(printed, true, StandardCharsets.UTF_8), Clock.systemUTC()))
            .execute(
                "--api",
                "http://127.0.0.1:9",
                "--sandbox",
                stack.sandboxUrl(),
                "--plain",
                "--api-wait",
                "PT0.5S");

    assertThat(exit).isEqualTo(DemoCommand.CALL_FAILED);
    assertThat(output()).contains("the API at http://127.0.0.1:9 is not answering");
  }

  @Test
  void theTokenFromTheTokenFileGoesToEveryApiCallAndNowhereElse() throws Exception {
    java.nio.file.Path file = java.nio.file.Files.createTempFile("token-", "");
    java.nio.file.Files.writeString(file, "local-token-0123456789\n");

    int exit =
        new CommandLine(
                new DemoCommand(
                    new PrintStream(printed, true, StandardCharsets.UTF_8), Clock.systemUTC()))
            .execute(
                "--api",
                stack.apiUrl(),
                "--sandbox",
                stack.sandboxUrl(),
                "--plain",
                "--poll",
                "PT0.01S",
                "--token-file",
                file.toString());

    assertThat(exit).isEqualTo(DemoCommand.OK);
    assertThat(stack.apiAuthorizations)
        .isNotEmpty()
        .allMatch("Bearer local-token-0123456789"::equals);
    assertThat(stack.sandboxAuthorizations).isNotEmpty().allMatch("null"::equals);
    assertThat(output()).doesNotContain("local-token-0123456789");
  }

  @Test
  void anUnreadableTokenFileFailsWithItsName() {
    int exit =
        new CommandLine(
                new DemoCommand(
                    new PrintStream(printed, true, StandardCharsets.UTF_8), Clock.systemUTC()))
            .execute("--api", stack.apiUrl(), "--token-file", "/nonexistent/local-token");

    assertThat(exit).isEqualTo(DemoCommand.CALL_FAILED);
    assertThat(output()).contains("cannot read the token file /nonexistent/local-token");
  }

  private int run() {
    return new CommandLine(
            new DemoCommand(
                new PrintStream(printed, true, StandardCharsets.UTF_8), Clock.systemUTC()))
        .execute(
            "--api",
            stack.apiUrl(),
            "--sandbox",
            stack.sandboxUrl(),
            "--temporal-ui",
            "http://ui.example",
            "--plain",
            "--poll",
            "PT0.01S");
  }

  private String output() {
    return printed.toString(StandardCharsets.UTF_8);
  }

  /** A scripted API and sandbox: the campaign advances one step per status call. */
  static final class FakeStack implements AutoCloseable {
    final List<String> calls = new CopyOnWriteArrayList<>();
    final AtomicInteger statusCalls = new AtomicInteger();
    final AtomicInteger reportCalls = new AtomicInteger();
    final AtomicInteger redeemed = new AtomicInteger();
    final AtomicInteger refunded = new AtomicInteger();
    volatile String campaignId;
    volatile boolean balanced = true;
    volatile boolean withBudgetPause = true;
    volatile String finalPhase = "COMPLETED";
    volatile int breakStatusAfter = Integer.MAX_VALUE;
    final List<String> apiAuthorizations = new CopyOnWriteArrayList<>();
    final List<String> sandboxAuthorizations = new CopyOnWriteArrayList<>();
    private final HttpServer api;
    private final HttpServer sandbox;

    FakeStack() {
      try {
        api = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        sandbox = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
      api.createContext("/", this::api);
      sandbox.createContext("/", this::sandbox);
      api.start();
      sandbox.start();
    }

    String apiUrl() {
      return "http://127.0.0.1:" + api.getAddress().getPort();
    }

    String sandboxUrl() {
      return "http://127.0.0.1:" + sandbox.getAddress().getPort();
    }

    private void api(HttpExchange ex) throws IOException {
      String path = ex.getRequestURI().getPath();
      String call = ex.getRequestMethod() + " " + path;
      calls.add(call);
      apiAuthorizations.add(String.valueOf(ex.getRequestHeaders().getFirst("Authorization")));
      byte[] body = ex.getRequestBody().readAllBytes();
      if (call.equals("GET /api/v1/campaigns")) {
        send(ex, 200, "[]");
      } else if (call.equals("POST /api/v1/audiences")) {
        long distinct =
            new String(body, StandardCharsets.UTF_8)
                .lines()
                .filter(l -> l.startsWith("o_") || l.startsWith("abnormal_"))
                .distinct()
                .count();
        send(
            ex,
            201,
            "{\"audience_id\":\"aud-0123456789abcdef\",\"count\":"
                + distinct
                + ",\"duplicates_removed\":5,\"invalid\":[{\"line\":908,\"value\":\"not an openid!\"}]}");
      } else if (call.equals("POST /api/v1/campaigns/validate")) {
        send(ex, 200, "{\"valid\":true,\"plan\":{\"max_amount\":150000}}");
      } else if (call.equals("POST /api/v1/campaigns")) {
        campaignId = JsonHttp.JSON.readTree(body).path("campaign_id").asText();
        send(ex, 201, status(0).toString());
      } else if (call.equals("GET /api/v1/campaigns/" + campaignId)) {
        int n = statusCalls.incrementAndGet();
        if (n > breakStatusAfter) {
          send(ex, 500, "{\"error\":\"boom\"}");
        } else {
          send(ex, 200, status(n).toString());
        }
      } else if (call.equals("GET /api/v1/campaigns/" + campaignId + "/report")) {
        if (reportCalls.incrementAndGet() == 1) {
          send(ex, 409, "{\"error\":\"flows_not_downloaded\"}");
        } else {
          send(ex, 200, report().toString());
        }
      } else if (call.equals("POST /api/v1/campaigns/" + campaignId + "/cancel")) {
        send(ex, 200, status(0).put("status", "CANCELLED").toString());
      } else {
        send(ex, 404, "{\"error\":\"not_found\"}");
      }
    }

    private void sandbox(HttpExchange ex) throws IOException {
      sandboxAuthorizations.add(String.valueOf(ex.getRequestHeaders().getFirst("Authorization")));
      String call = ex.getRequestMethod() + " " + ex.getRequestURI().getPath();
      calls.add(call);
      byte[] raw = ex.getRequestBody().readAllBytes();
      JsonNode body =
          raw.length == 0 ? JsonHttp.JSON.createObjectNode() : JsonHttp.JSON.readTree(raw);
      if (call.endsWith("/coupons")) {
        send(
            ex,
            200,
            "{\"total_count\":" + Math.min(1187, statusCalls.get() * 300) + ",\"data\":[]}");
      } else if (call.endsWith("/redeem")) {
        int n = body.path("count").asInt(40);
        redeemed.addAndGet(n);
        send(ex, 200, "{\"count\":" + n + ",\"coupon_ids\":[]}");
      } else if (call.endsWith("/refund")) {
        refunded.addAndGet(5);
        send(ex, 200, "{\"count\":5,\"coupon_ids\":[]}");
      } else {
        send(ex, 404, "{}");
      }
    }

    /**
     * Step n of the campaign: scheduled, vip running, vip done, paused, resumed, all done, final.
     */
    ObjectNode status(int n) {
      ObjectNode s = JsonHttp.JSON.createObjectNode();
      s.put("campaign_id", campaignId);
      s.put("workflow_id", "campaign-" + campaignId);
      String phase =
          switch (Math.min(n, 6)) {
            case 0 -> "SCHEDULED";
            case 3 -> withBudgetPause ? "PAUSED" : "RUNNING";
            case 6 -> finalPhase;
            default -> "RUNNING";
          };
      s.put("status", phase);
      if (n > 0) {
        s.put("stock_id", "1764200000001");
        s.put("stock_status", n == 3 ? "paused" : "running");
      } else {
        s.putNull("stock_id");
      }
      long vip = n >= 2 ? 300 : n == 1 ? 150 : 0;
      long all = n >= 5 ? 887 : n >= 2 ? 450 : 0;
      s.putObject("issued").put("count", vip + all).put("amount", (vip + all) * 100);
      s.putObject("used").put("count", 0).put("amount", 0);
      s.putObject("rejected").put("count", n >= 5 ? 13 : 0).putObject("by_code");
      s.putObject("budget")
          .put("max_amount", 150000)
          .put("issued_percent", (vip + all) * 100 / 1500.0)
          .put("used_percent", 0);
      if (n == 3 && withBudgetPause) {
        s.putObject("pause")
            .put("reason", "BUDGET_THRESHOLD")
            .put("detail", "issued_amount reached 50%")
            .put("operator", "budget-guard");
      } else {
        s.putNull("pause");
      }
      ArrayNode waves = s.putArray("waves");
      waves
          .addObject()
          .put("name", "vip")
          .put("status", n >= 2 ? "DONE" : n == 1 ? "RUNNING" : "PENDING")
          .put("recipients", 300)
          .put("issued", vip)
          .put("rejected", 0)
          .put("failed", 0);
      waves
          .addObject()
          .put("name", "all")
          .put("status", n >= 5 ? "DONE" : n == 3 ? "PAUSED" : n >= 2 ? "RUNNING" : "PENDING")
          .put("recipients", 900)
          .put("issued", all)
          .put("rejected", n >= 5 ? 13 : 0)
          .put("failed", 0);
      if (n >= 6 && "FAILED".equals(finalPhase)) {
        s.putObject("failure").put("type", "STOCK_CREATE_REFUSED").put("message", "no");
      }
      ArrayNode history = s.putArray("history");
      event(history, "SCHEDULED", "starts soon");
      if (n >= 1) {
        event(history, "STOCK_CREATED", "stock 1764200000001");
      }
      if (n >= 3 && withBudgetPause) {
        event(history, "THRESHOLD_REACHED", "issued_amount reached 50%");
        event(history, "PAUSED", "BUDGET_THRESHOLD: issued_amount reached 50% (by budget-guard)");
      }
      if (n >= 4 && withBudgetPause) {
        event(history, "RESUMED", "after BUDGET_THRESHOLD (by budget-guard)");
      }
      if (n >= 6) {
        event(history, finalPhase, "report balances");
      }
      return s;
    }

    private static void event(ArrayNode history, String event, String detail) {
      history
          .addObject()
          .put("at", "2026-11-27T13:30:00+08:00")
          .put("event", event)
          .put("detail", detail);
    }

    ObjectNode report() {
      ObjectNode r = JsonHttp.JSON.createObjectNode();
      r.put("campaign_id", campaignId);
      r.put("balanced", balanced);
      ObjectNode t = r.putObject("totals");
      t.put("issued_count", 1187)
          .put("issued_amount", 118700)
          .put("notified_count", redeemed.get())
          .put("notified_amount", redeemed.get() * 100)
          .put("use_flow_count", redeemed.get())
          .put("use_flow_amount", redeemed.get() * 100)
          .put("refund_flow_count", refunded.get())
          .put("refund_flow_amount", refunded.get() * 100);
      r.putArray("waves");
      ArrayNode mismatches = r.putArray("mismatches");
      if (!balanced) {
        mismatches
            .addObject()
            .put("kind", "USED_NOT_NOTIFIED")
            .put("coupon_id", "1")
            .put("detail", "x");
      }
      return r;
    }

    private static void send(HttpExchange ex, int status, String body) throws IOException {
      byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
      ex.getResponseHeaders().add("Content-Type", "application/json");
      ex.sendResponseHeaders(status, bytes.length);
      ex.getResponseBody().write(bytes);
      ex.close();
    }

    @Override
    public void close() {
      api.stop(0);
      sandbox.stop(0);
    }
  }
}
