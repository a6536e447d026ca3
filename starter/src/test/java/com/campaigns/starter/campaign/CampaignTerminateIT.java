package com.campaigns.starter.campaign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.campaigns.ledger.CampaignIndex;
import com.campaigns.ledger.IssuanceLedger;
import com.campaigns.starter.ApiClient;
import com.campaigns.starter.ApiClient.Answer;
import com.campaigns.starter.Specs;
import com.campaigns.starter.StackTest;
import com.campaigns.starter.TestTokens;
import com.campaigns.wechatpay.WechatMerchants;
import com.campaigns.workflows.rules.ShanghaiTime;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.wechat.pay.java.service.cashcoupons.model.QueryStockRequest;
import io.temporal.client.WorkflowClient;
import io.temporal.testing.TestWorkflowEnvironment;
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
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * A campaign terminated in Temporal (Web UI, {@code temporal workflow terminate}) shows as
 * TERMINATED at once, with its counts from the ledger, in the status document and the list; the
 * index follows without anyone asking; ops' tidy-up pauses its stock.
 */
@StackTest
class CampaignTerminateIT {

  private static final String MCHID = "1900000001";

  @LocalServerPort int port;
  @Autowired TestWorkflowEnvironment env;
  @Autowired WorkflowClient client;
  @Autowired IssuanceLedger issuance;
  @Autowired CampaignIndex index;
  @Autowired CampaignIndexReconciler reconciler;
  @Autowired WechatMerchants merchants;
  ApiClient api;
  ApiClient ops;
  Instant now;

  @BeforeEach
  void setUp() {
    api = ApiClient.on(port);
    ops = api.as(TestTokens.OPS);
    now = Instant.ofEpochMilli(env.currentTimeMillis());
  }

  @Test
  void aCampaignTerminatedBetweenWavesAnswersAtOnceFromTheLedgerAndOpsPauseItsStock()
      throws Exception {
    ObjectNode spec =
        Specs.sample(
            "term-waves",
            now,
            Duration.ofMinutes(10),
            Duration.ofHours(3),
            Specs.openids("term-a-", 120));
    ObjectNode second = spec.withArray("waves").addObject();
    second.put("name", "second");
    second.put("start_at", ShanghaiTime.rfc3339(now.plus(Duration.ofMinutes(70))));
    Specs.openids("term-b-", 50).forEach(second.putObject("audience").putArray("openids")::add);
    assertThat(api.postJson("/api/v1/campaigns", spec).status()).isEqualTo(201);
    env.sleep(Duration.ofMinutes(15));
    await()
        .atMost(Duration.ofSeconds(60))
        .untilAsserted(
            () ->
                assertThat(
                        api.get("/api/v1/campaigns/term-waves")
                            .json()
                            .path("waves")
                            .path(0)
                            .path("status")
                            .asText())
                    .isEqualTo("DONE"));

    client.newUntypedWorkflowStub("campaign-term-waves").terminate("bad deploy 2026-12-01");

    long started = System.nanoTime();
    Answer a = api.get("/api/v1/campaigns/term-waves");
    Duration took = Duration.ofNanos(System.nanoTime() - started);
    assertThat(a.status()).isEqualTo(200);
    assertThat(took).as("answered without waiting for a query").isLessThan(Duration.ofSeconds(5));
    JsonNode doc = a.json();
    long ledgerIssued = issuance.issued("term-waves").size();
    assertThat(ledgerIssued).isEqualTo(120);
    assertThat(doc.path("status").asText()).isEqualTo("TERMINATED");
    assertThat(doc.path("issued").path("count").asLong()).isEqualTo(ledgerIssued);
    assertThat(doc.path("issued").path("amount").asLong()).isEqualTo(ledgerIssued * 500);
    assertThat(doc.path("budget").path("max_amount").asLong()).isEqualTo(5_000_000);
    assertThat(doc.path("waves").findValuesAsText("status")).containsExactly("DONE", "CANCELLED");
    assertThat(doc.path("waves").findValuesAsText("name")).containsExactly("vip", "second");
    assertThat(doc.path("waves").path(1).path("recipients").asLong()).isEqualTo(50);
    assertThat(doc.path("closed").path("execution_status").asText()).isEqualTo("TERMINATED");
    assertThat(doc.path("closed").path("reason").asText()).isEqualTo("bad deploy 2026-12-01");
    assertThat(doc.path("closed").path("counts_from").asText()).isEqualTo("ledger");
    assertThat(doc.path("closed").path("close_time").asText()).isNotBlank();
    String stockId = doc.path("stock_id").asText();
    assertThat(stockStatus(stockId)).as("left running by the terminate").isEqualTo("RUNNING");

    // The GET settled the index: the list says TERMINATED with the ledger's counts.
    JsonNode listed = listed("term-waves");
    assertThat(listed.path("status").asText()).isEqualTo("TERMINATED");
    assertThat(listed.path("issued").path("count").asLong()).isEqualTo(ledgerIssued);

    // Pause and the other updates are refused: the run is closed.
    Answer pause = api.postJson("/api/v1/campaigns/term-waves/pause", "");
    assertThat(pause.status()).isEqualTo(409);
    assertThat(pause.error()).isEqualTo("campaign_closed");
    assertThat(pause.json().path("message").asText()).contains("TERMINATED");

    // The tidy-up is ops' alone; it pauses the stock and may be repeated.
    assertThat(api.postJson("/api/v1/campaigns/term-waves/tidy-up", "").status()).isEqualTo(403);
    Answer tidied = ops.postJson("/api/v1/campaigns/term-waves/tidy-up", "");
    assertThat(tidied.status()).as(tidied.text()).isEqualTo(200);
    assertThat(tidied.json().path("status").asText()).isEqualTo("TERMINATED");
    assertThat(tidied.json().path("stock_status").asText()).isEqualTo("paused");
    assertThat(tidied.json().path("issued").path("count").asLong()).isEqualTo(ledgerIssued);
    assertThat(stockStatus(stockId)).isEqualTo("PAUSED");
    Answer again = ops.postJson("/api/v1/campaigns/term-waves/tidy-up", "");
    assertThat(again.status()).isEqualTo(200);
    assertThat(again.json().path("stock_status").asText()).isEqualTo("paused");
    assertThat(api.get("/api/v1/campaigns/term-waves").json().path("stock_status").asText())
        .isEqualTo("paused");

    // The console says so too, on the list and on the campaign's page.
    HttpClient browser = signedInConsole();
    assertThat(consolePage(browser, "/console/campaigns"))
        .containsPattern("st-TERMINATED[^>]*>TERMINATED<");
    assertThat(consolePage(browser, "/console/campaigns/term-waves"))
        .contains("id=\"closed\"", "Run TERMINATED in Temporal", "bad deploy 2026-12-01");
  }

  @Test
  void theReconcilerSettlesATerminatedCampaignInTheIndexAndLeavesRunningOnesAlone() {
    start("term-quiet");
    start("term-alive");
    assertThat(index.find("term-quiet").orElseThrow().status()).isNotEqualTo("TERMINATED");

    client.newUntypedWorkflowStub("campaign-term-quiet").terminate("nobody asks");
    // Nobody reads it: the row still says what the workflow last wrote.
    assertThat(index.find("term-quiet").orElseThrow().status()).isNotEqualTo("TERMINATED");

    assertThat(reconciler.reconcile()).isPositive();

    assertThat(index.find("term-quiet").orElseThrow().status()).isEqualTo("TERMINATED");
    assertThat(index.find("term-alive").orElseThrow().status()).isNotEqualTo("TERMINATED");
    assertThat(listed("term-quiet").path("status").asText()).isEqualTo("TERMINATED");
    assertThat(listed("term-quiet").path("issued").path("count").asLong()).isZero();
    // A second pass does not touch a settled row (it is not read again).
    assertThat(index.unsettled())
        .extracting(CampaignIndex.Summary::campaignId)
        .doesNotContain("term-quiet")
        .contains("term-alive");
  }

  @Test
  void tidyUpIsRefusedForARunningCampaignAndForOneThatCleanedUpItself() {
    start("term-running");
    Answer running = ops.postJson("/api/v1/campaigns/term-running/tidy-up", "");
    assertThat(running.status()).isEqualTo(409);
    assertThat(running.error()).isEqualTo("campaign_running");
    assertThat(running.json().path("message").asText()).contains("/cancel");

    start("term-cancelled");
    assertThat(api.postJson("/api/v1/campaigns/term-cancelled/cancel", "").status()).isEqualTo(200);
    // The cancel answers once CANCELLED; its run closes right after.
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                !"campaign_running"
                    .equals(ops.postJson("/api/v1/campaigns/term-cancelled/tidy-up", "").error()));
    Answer cancelled = ops.postJson("/api/v1/campaigns/term-cancelled/tidy-up", "");
    assertThat(cancelled.status()).isEqualTo(409);
    assertThat(cancelled.error()).isEqualTo("nothing_to_tidy_up");
    assertThat(ops.postJson("/api/v1/campaigns/nobody/tidy-up", "").status()).isEqualTo(404);
  }

  private void start(String id) {
    assertThat(api.postJson("/api/v1/campaigns", Specs.farAhead(id, now)).status()).isEqualTo(201);
  }

  private JsonNode listed(String id) {
    List<JsonNode> all =
        StreamSupport.stream(api.get("/api/v1/campaigns").json().spliterator(), false).toList();
    return all.stream()
        .filter(c -> c.path("campaign_id").asText().equals(id))
        .findFirst()
        .orElseThrow();
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

  private String stockStatus(String stockId) {
    QueryStockRequest r = new QueryStockRequest();
    r.setStockId(stockId);
    r.setStockCreatorMchid(MCHID);
    return merchants.find(MCHID).orElseThrow().coupons().queryStock(r).getStatus().toUpperCase();
  }
}
