package com.campaigns.starter.campaign;

import static org.assertj.core.api.Assertions.assertThat;

import com.campaigns.starter.ApiClient;
import com.campaigns.starter.ApiClient.Answer;
import com.campaigns.starter.ConsoleSession;
import com.campaigns.starter.Specs;
import com.campaigns.starter.StackTest;
import com.campaigns.starter.TestTokens;
import com.campaigns.workflows.rules.ShanghaiTime;
import io.temporal.testing.TestWorkflowEnvironment;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Status, list, pause, resume, cancel, reschedule and report of campaigns that have not begun. */
@StackTest
class CampaignControlIT {

  @LocalServerPort int port;
  @Autowired TestWorkflowEnvironment env;
  ApiClient api;
  Instant now;

  @BeforeEach
  void setUp() {
    api = ApiClient.on(port);
    now = Instant.ofEpochMilli(env.currentTimeMillis());
  }

  private void start(String id) {
    assertThat(api.postJson("/api/v1/campaigns", Specs.farAhead(id, now)).status()).isEqualTo(201);
  }

  @Test
  void statusOfAStartedCampaignIsItsStatusDocument() {
    start("ctl-status");

    Answer a = api.get("/api/v1/campaigns/ctl-status");

    assertThat(a.status()).isEqualTo(200);
    assertThat(a.json().path("campaign_id").asText()).isEqualTo("ctl-status");
    assertThat(a.json().path("budget").path("max_amount").asLong()).isEqualTo(5_000_000);
    assertThat(a.json().path("issued").path("count").asLong()).isZero();
  }

  @Test
  void unknownCampaignAnswers404Everywhere() {
    assertThat(api.get("/api/v1/campaigns/nobody").status()).isEqualTo(404);
    assertThat(api.get("/api/v1/campaigns/nobody").error()).isEqualTo("not_found");
    assertThat(api.postJson("/api/v1/campaigns/nobody/pause", Map.of("reason", "x")).status())
        .isEqualTo(404);
    assertThat(api.postJson("/api/v1/campaigns/nobody/resume", "").status()).isEqualTo(404);
    assertThat(api.postJson("/api/v1/campaigns/nobody/cancel", "").status()).isEqualTo(404);
    assertThat(api.get("/api/v1/campaigns/nobody/report").status()).isEqualTo(404);
    assertThat(api.get("/api/v1/campaigns/nobody/report.csv").status()).isEqualTo(404);
    assertThat(
            api.postJson(
                    "/api/v1/campaigns/nobody/waves/vip/reschedule",
                    Map.of("start_at", ShanghaiTime.rfc3339(now.plus(Duration.ofDays(61)))))
                .status())
        .isEqualTo(404);
    assertThat(api.get("/api/v1/campaigns/not%20an%20id").status()).isEqualTo(404);
  }

  @Test
  void listShowsStartedCampaignsFromTheIndex() {
    start("ctl-list");

    Answer a = api.get("/api/v1/campaigns");

    assertThat(a.status()).isEqualTo(200);
    var entry =
        java.util.stream.StreamSupport.stream(a.json().spliterator(), false)
            .filter(c -> c.path("campaign_id").asText().equals("ctl-list"))
            .findFirst()
            .orElseThrow();
    assertThat(entry.path("status").asText()).isNotBlank();
    assertThat(entry.path("issued").path("count").asLong()).isZero();
    assertThat(entry.path("budget").path("max_amount").asLong()).isEqualTo(5_000_000);
    assertThat(entry.has("stock_id")).isTrue();
  }

  /** Pages newest first, the next one linked; every campaign exactly once across the pages. */
  @Test
  void listIsPagedNewestFirstWithTheNextPageInTheLinkHeader() {
    start("ctl-page-1");
    start("ctl-page-2");
    start("ctl-page-3");

    Answer first = api.get("/api/v1/campaigns?limit=2");
    assertThat(first.status()).isEqualTo(200);
    assertThat(first.json().size()).isEqualTo(2);
    assertThat(first.json().get(0).path("campaign_id").asText()).isEqualTo("ctl-page-3");
    assertThat(first.json().get(1).path("campaign_id").asText()).isEqualTo("ctl-page-2");
    assertThat(first.json().get(0).path("mchid").asText()).isNotBlank();
    String link = first.headers().firstValue("Link").orElseThrow();
    assertThat(link).matches("</api/v1/campaigns\\?limit=2&cursor=[A-Za-z0-9_-]+>; rel=\"next\"");

    java.util.List<String> all = new java.util.ArrayList<>();
    String next = "/api/v1/campaigns?limit=2";
    while (next != null) {
      Answer page = api.get(next);
      assertThat(page.status()).isEqualTo(200);
      page.json().forEach(c -> all.add(c.path("campaign_id").asText()));
      next =
          page.headers().firstValue("Link").map(l -> l.substring(1, l.indexOf('>'))).orElse(null);
    }
    assertThat(all).doesNotHaveDuplicates().contains("ctl-page-1", "ctl-page-2", "ctl-page-3");
    assertThat(all.indexOf("ctl-page-1")).isEqualTo(2);
  }

  @Test
  void theConsoleListShowsPagesLinkedOlderAndNewest() throws Exception {
    start("ctl-console-1");
    start("ctl-console-2");
    ConsoleSession console = ConsoleSession.signIn(port, TestTokens.MARKETER);

    String first = console.page("/console/campaigns?limit=1");
    assertThat(first).contains("data-campaign=\"ctl-console-2\"").doesNotContain("ctl-console-1");
    Matcher older = Pattern.compile("id=\"next-page\" href=\"([^\"]+)\"").matcher(first);
    assertThat(older.find()).isTrue();
    String olderPath = older.group(1).replace("&amp;", "&");
    assertThat(first).doesNotContain("id=\"first-page\"");

    String second = console.page(olderPath);
    assertThat(second).contains("data-campaign=\"ctl-console-1\"").contains("id=\"first-page\"");
    String cursor = olderPath.substring(olderPath.indexOf("cursor=") + "cursor=".length());
    cursor = cursor.contains("&") ? cursor.substring(0, cursor.indexOf('&')) : cursor;
    // The page's polling keeps to its page.
    assertThat(console.page("/console/campaigns/rows?limit=1&cursor=" + cursor))
        .contains("data-campaign=\"ctl-console-1\"")
        .doesNotContain("ctl-console-2");
  }

  @Test
  void aListLimitOutOfRangeOrAForeignCursorAnswers400() {
    for (String query : new String[] {"limit=0", "limit=501", "cursor=bm90IGEgY3Vyc29y"}) {
      Answer a = api.get("/api/v1/campaigns?" + query);
      assertThat(a.status()).as(query).isEqualTo(400);
      assertThat(a.error()).as(query).isEqualTo("invalid_request");
    }
    assertThat(api.get("/api/v1/campaigns?limit=500").status()).isEqualTo(200);
  }

  @Test
  void pauseThenPauseAgainIsRefusedThenResumeThenResumeAgainIsRefused() {
    start("ctl-pause");

    // The operator is the token's name; an X-Operator header (the old way) cannot claim another
    // one.
    Answer paused =
        api.post(
            "/api/v1/campaigns/ctl-pause/pause",
            "application/json",
            "{\"reason\": \"check budget\"}",
            Map.of("X-Operator", "alice"));
    assertThat(paused.status()).isEqualTo(200);
    assertThat(paused.json().path("status").asText()).isEqualTo("PAUSED");
    assertThat(paused.json().path("pause").path("reason").asText()).isEqualTo("MANUAL");
    assertThat(paused.json().path("pause").path("operator").asText())
        .isEqualTo(TestTokens.MARKETER_NAME);

    Answer again = api.postJson("/api/v1/campaigns/ctl-pause/pause", Map.of("reason", "again"));
    assertThat(again.status()).isEqualTo(409);
    assertThat(again.error()).isEqualTo("not_pausable");
    assertThat(again.json().path("message").asText()).contains("cannot be paused");

    Answer resumed = api.postJson("/api/v1/campaigns/ctl-pause/resume", "");
    assertThat(resumed.status()).isEqualTo(200);
    assertThat(resumed.json().path("status").asText()).isNotEqualTo("PAUSED");

    Answer resumeAgain = api.postJson("/api/v1/campaigns/ctl-pause/resume", "");
    assertThat(resumeAgain.status()).isEqualTo(409);
    assertThat(resumeAgain.error()).isEqualTo("not_paused");
  }

  @Test
  void cancelEndsTheCampaignAndASecondCancelIsRefused() {
    start("ctl-cancel");

    Answer cancelled =
        api.postJson("/api/v1/campaigns/ctl-cancel/cancel", Map.of("reason", "budget cut"));
    assertThat(cancelled.status()).isEqualTo(200);
    assertThat(cancelled.json().path("status").asText()).isEqualTo("CANCELLED");

    Answer again = api.postJson("/api/v1/campaigns/ctl-cancel/cancel", "");
    assertThat(again.status()).isEqualTo(409);
    assertThat(api.postJson("/api/v1/campaigns/ctl-cancel/pause", "").status()).isEqualTo(409);
    assertThat(api.get("/api/v1/campaigns/ctl-cancel").json().path("status").asText())
        .isEqualTo("CANCELLED");
  }

  @Test
  void reportBeforeTheFlowsAreDownloadedAnswers409() {
    start("ctl-report");

    Answer a = api.get("/api/v1/campaigns/ctl-report/report");
    assertThat(a.status()).isEqualTo(409);
    assertThat(a.error()).isEqualTo("report_not_ready");
    assertThat(api.get("/api/v1/campaigns/ctl-report/report.csv").status()).isEqualTo(409);
  }

  @Test
  void reschedulingAPendingWaveMovesItsStart() {
    start("ctl-move");
    String later = ShanghaiTime.rfc3339(now.plus(Duration.ofDays(62)));

    Answer a =
        api.postJson("/api/v1/campaigns/ctl-move/waves/vip/reschedule", Map.of("start_at", later));

    assertThat(a.status()).isEqualTo(200);
    assertThat(a.json().path("waves").get(0).path("start_at").asText()).isEqualTo(later);
  }

  @Test
  void reschedulingOutsideTheStockWindowOrAnUnknownWaveIsRefused() {
    start("ctl-move-bad");
    String outside = ShanghaiTime.rfc3339(now.plus(Duration.ofDays(80)));

    assertThat(
            api.postJson(
                    "/api/v1/campaigns/ctl-move-bad/waves/vip/reschedule",
                    Map.of("start_at", outside))
                .error())
        .isEqualTo("invalid_reschedule");
    assertThat(
            api.postJson(
                    "/api/v1/campaigns/ctl-move-bad/waves/nope/reschedule",
                    Map.of("start_at", ShanghaiTime.rfc3339(now.plus(Duration.ofDays(61)))))
                .status())
        .isEqualTo(409);
    Answer garbled =
        api.postJson(
            "/api/v1/campaigns/ctl-move-bad/waves/vip/reschedule", Map.of("start_at", "soon"));
    assertThat(garbled.status()).isEqualTo(400);
    assertThat(garbled.error()).isEqualTo("invalid_request");
  }

  @Test
  void anOverlongReasonIsRefused() {
    start("ctl-reason");

    Answer a =
        api.postJson("/api/v1/campaigns/ctl-reason/pause", Map.of("reason", "r".repeat(201)));

    assertThat(a.status()).isEqualTo(400);
    assertThat(a.error()).isEqualTo("invalid_request");
    assertThat(api.get("/api/v1/campaigns/ctl-reason").json().path("status").asText())
        .isNotEqualTo("PAUSED");
  }
}
