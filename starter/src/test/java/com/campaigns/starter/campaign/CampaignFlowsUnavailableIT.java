package com.campaigns.starter.campaign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.campaigns.ledger.CouponUses;
import com.campaigns.starter.ApiClient;
import com.campaigns.starter.ApiClient.Answer;
import com.campaigns.starter.Specs;
import com.campaigns.starter.StackTest;
import com.campaigns.starter.TestSandbox;
import com.campaigns.starter.TestTokens;
import com.campaigns.workflows.model.StatusDocument;
import com.campaigns.workflows.rules.ShanghaiTime;
import com.fasterxml.jackson.databind.JsonNode;
import io.temporal.client.WorkflowClient;
import io.temporal.testing.TestWorkflowEnvironment;
import java.io.StringReader;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;

/**
 * WeChat Pay never publishes a campaign's flow files: the status document and the console say since
 * when the campaign waits and when it tries again, and after the deadline (3 days past the expected
 * publication) it completes with the status, the report, report.csv and the console page all marked
 * flows unavailable.
 */
@StackTest
// Three days of skipped time put the shared test clock far ahead: later classes get a fresh stack.
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class CampaignFlowsUnavailableIT {

  static final String ID = "flows-never";

  @LocalServerPort int port;
  @Autowired TestWorkflowEnvironment env;
  @Autowired WorkflowClient client;
  @Autowired CouponUses uses;

  @Test
  void aCampaignWaitsVisiblyThenCompletesMarkedFlowsUnavailable() throws Exception {
    ApiClient api = ApiClient.on(port);
    ApiClient sandbox = new ApiClient(TestSandbox.get().baseUrl());
    Instant now = Instant.ofEpochMilli(env.currentTimeMillis());
    // Flows expected 1 minute after the end (ready_after PT1M).
    assertThat(
            api.postJson(
                    "/api/v1/campaigns",
                    Specs.sample(
                        ID,
                        now,
                        Duration.ofMinutes(10),
                        Duration.ofHours(2),
                        Specs.openids("fn-", 20)))
                .status())
        .isEqualTo(201);
    env.sleep(Duration.ofMinutes(12));
    await()
        .atMost(Duration.ofSeconds(60))
        .until(() -> status(api).path("issued").path("count").asLong() == 20);
    String stockId = status(api).path("stock_id").asText();
    Answer never =
        sandbox.send(
            HttpRequest.newBuilder(sandbox.uri("/sandbox/stocks/" + stockId + "/flows"))
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString("{\"ready\": \"never\"}")));
    assertThat(never.status()).isEqualTo(200);
    sandbox.postJson("/sandbox/stocks/" + stockId + "/redeem", Map.of("count", 4));
    await().atMost(Duration.ofSeconds(30)).until(() -> uses.totals(ID).count() == 4);

    // The stock ends 2 h after it began; the first try a minute later meets INVALID_REQUEST.
    env.sleep(Duration.ofHours(2).plusMinutes(2));
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> status(api).path("flows").path("state").asText().equals("WAITING"));
    JsonNode waiting = status(api);
    assertThat(waiting.path("status").asText()).isEqualTo("DOWNLOADING_FLOWS");
    JsonNode flows = waiting.path("flows");
    Instant since = ShanghaiTime.parse(flows.path("waiting_since").asText()).orElseThrow();
    Instant next = ShanghaiTime.parse(flows.path("next_try_at").asText()).orElseThrow();
    Instant expected = ShanghaiTime.parse(flows.path("expected_at").asText()).orElseThrow();
    assertThat(since).isBetween(expected, expected.plusSeconds(1));
    assertThat(Duration.between(since, next)).isEqualTo(Duration.ofMinutes(5));
    assertThat(ShanghaiTime.parse(flows.path("deadline").asText()))
        .contains(expected.plus(Duration.ofDays(3)));
    assertThat(flows.path("tries").asInt()).isEqualTo(1);
    assertThat(flows.path("last_answer").asText()).contains("INVALID_REQUEST");
    assertThat(api.get("/api/v1/campaigns/" + ID + "/report").status()).isEqualTo(409);
    HttpClient browser = signedInConsole();
    assertThat(consolePage(browser, "/console/campaigns/" + ID))
        .contains(
            "id=\"flows\"",
            "Waiting for WeChat Pay&#39;s flow files since " + ShanghaiTime.display(since),
            "next try at " + ShanghaiTime.display(next));

    StatusDocument done =
        client
            .newUntypedWorkflowStub("campaign-" + ID)
            .getResult(3, TimeUnit.MINUTES, StatusDocument.class);
    assertThat(done.status().name()).isEqualTo("COMPLETED");

    JsonNode finished = status(api);
    assertThat(finished.path("status").asText()).isEqualTo("COMPLETED");
    assertThat(finished.path("flows").path("state").asText()).isEqualTo("UNAVAILABLE");
    assertThat(finished.path("flows").has("next_try_at")).isFalse();
    String reason = finished.path("flows").path("reason").asText();
    assertThat(reason).contains("use and refund flows", "did not appear by the deadline");
    assertThat(finished.path("reconciliation").path("flows_unavailable").asBoolean()).isTrue();
    assertThat(finished.path("reconciliation").path("balanced").asBoolean()).isFalse();
    assertThat(finished.path("history").findValuesAsText("event"))
        .containsSubsequence("FLOWS_WAITING", "FLOWS_UNAVAILABLE", "RECONCILED", "COMPLETED");

    JsonNode report = api.get("/api/v1/campaigns/" + ID + "/report").json();
    assertThat(report.path("flows_unavailable").asBoolean()).isTrue();
    assertThat(report.path("flows_unavailable_reason").asText()).isEqualTo(reason);
    assertThat(report.path("balanced").asBoolean()).isFalse();
    assertThat(report.path("mismatches")).isEmpty();
    assertThat(report.path("totals").path("issued_count").asLong()).isEqualTo(20);
    assertThat(report.path("totals").path("notified_count").asLong()).isEqualTo(4);

    List<CSVRecord> csv =
        CSVFormat.DEFAULT
            .builder()
            .setHeader()
            .setSkipHeaderRecord(true)
            .get()
            .parse(new StringReader(api.get("/api/v1/campaigns/" + ID + "/report.csv").text()))
            .getRecords();
    assertThat(csv.get(0).get("record")).isEqualTo("total");
    assertThat(csv.get(0).get("flows_unavailable")).isEqualTo("true");
    assertThat(csv.get(0).get("detail")).isEqualTo(reason);

    assertThat(consolePage(browser, "/console/campaigns/" + ID))
        .contains("id=\"flows-unavailable\"", ">flows unavailable<", "Flows unavailable: ");
  }

  private static JsonNode status(ApiClient api) {
    return api.get("/api/v1/campaigns/" + ID).json();
  }

  /** A console session for the ops token (the login form with its CSRF field). */
  private HttpClient signedInConsole() throws Exception {
    HttpClient http =
        HttpClient.newBuilder()
            .cookieHandler(new CookieManager())
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
    Matcher csrf =
        Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"")
            .matcher(consolePage(http, "/console/login"));
    assertThat(csrf.find()).isTrue();
    String form =
        "token="
            + URLEncoder.encode(TestTokens.OPS, StandardCharsets.UTF_8)
            + "&_csrf="
            + URLEncoder.encode(csrf.group(1), StandardCharsets.UTF_8);
    HttpResponse<String> login =
        http.send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/console/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(login.statusCode()).isEqualTo(302);
    return http;
  }

  private String consolePage(HttpClient http, String path) throws Exception {
    HttpResponse<String> page =
        http.send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).GET().build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(page.statusCode()).as(path).isEqualTo(200);
    return page.body();
  }
}
