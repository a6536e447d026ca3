package com.campaigns.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.campaigns.e2e.support.Browser;
import com.campaigns.e2e.support.CampaignPlan;
import com.campaigns.e2e.support.Campaigns;
import com.campaigns.e2e.support.Console;
import com.campaigns.e2e.support.Http;
import com.campaigns.e2e.support.Stack;
import com.campaigns.e2e.support.StackExtension;
import com.campaigns.e2e.support.TemporalWebUi;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The runbook's Web UI steps in a real browser (headless Debian Chromium) on the dev server's UI:
 * find the campaign by CampaignStatus, read its timeline and history (activity names and summaries,
 * the pending timer of the next wave), send {@code pause} from the signal dialog and see it take
 * effect. Each step leaves a screenshot in {@code e2e/target/screenshots/}.
 */
@ExtendWith(StackExtension.class)
@Order(2)
class WebUiIT {

  @Test
  void opsFindReadAndPauseACampaignInTheWebUi(Stack stack) {
    Campaigns campaigns = new Campaigns(stack);
    // Wave "all" starts long after wave "vip": in between, the next wave's timer is pending.
    CampaignPlan plan =
        CampaignPlan.create("e2e-ui", Duration.ofSeconds(15), Duration.ofMinutes(15))
            .wave("vip", Duration.ZERO, 1600, 80)
            .wave("all", Duration.ofMinutes(10), 400, 80);
    String wf = plan.workflowId();
    Path screenshots = Path.of(System.getProperty("e2e.work", "target")).resolve("screenshots");

    try (Browser browser = Browser.start(stack.dir().resolve("browser"), screenshots, "webui")) {
      TemporalWebUi ui = new TemporalWebUi(browser, stack.uiUrl());
      campaigns.create(plan);
      String stockId = campaigns.awaitStockId(plan);

      // A wave is issuing: its segments are pending activities with readable names and summaries.
      campaigns.awaitCoupons(stockId, 100, Duration.ofMinutes(2));
      ui.openTabShowing(
          wf, "pending-activities-tab", "IssueCoupons", "Heartbeat Details", " issued, ");
      browser.screenshot("pending-activities");

      // Wave vip is done; the campaign waits for wave all.
      campaigns.awaitWave(plan, 0, "DONE", Duration.ofMinutes(3));

      // Find it: the workflow list filtered by the CampaignStatus search attribute.
      ui.listWorkflows("CampaignStatus='RUNNING'", wf);
      browser.screenshot("list-running");
      ui.openFromList(wf);

      // Its timeline: activities by name with their summaries, and the next wave's pending timer.
      ui.tab("timeline-tab");
      ui.pendingTimer("wave all starts");
      browser.waitForText(
          "the last segment in the timeline",
          "IssueCoupons • issue wave vip segment 8/8 (recipients 1400-1599)");
      ui.scrollToSection("Timeline");
      browser.screenshot("timeline");

      // Its history, compact: one line per activity or timer, each with its summary.
      ui.compactHistory();
      browser.waitForText(
          "the compact history",
          "CreateStock",
          "create stock 运维演练券",
          "ActivateStock",
          "activate stock " + stockId,
          "IssueCoupons",
          "issue wave vip segment 1/8 (recipients 0-199)",
          "wave all starts");
      ui.scrollToSection("Event History");
      browser.screenshot("history");

      // Pause from the signal dialog.
      long pausesBefore = stack.sandbox().succeeded("pause_stock");
      ui.fillSignal("pause", "{\"reason\": \"checked in the Web UI\", \"operator\": \"ops-ui\"}");
      browser.screenshot("signal-dialog");
      ui.submitSignal();
      Console.step("pause signal sent from the Web UI");

      JsonNode paused = campaigns.awaitStatus(plan, "PAUSED", Duration.ofSeconds(60));
      assertThat(paused.path("pause").path("reason").asText()).isEqualTo("MANUAL");
      assertThat(paused.path("pause").path("operator").asText()).isEqualTo("ops-ui");
      assertThat(paused.path("pause").path("detail").asText()).isEqualTo("checked in the Web UI");
      assertThat(stack.sandbox().succeeded("pause_stock")).isGreaterThan(pausesBefore);
      assertThat(stack.sandbox().stockStatus(stockId))
          .as("the stock at WeChat Pay")
          .isEqualTo("paused");

      // The UI shows it: the current details, the history and the PAUSED filter.
      ui.openWorkflow(wf);
      ui.tab("user-metadata-tab");
      browser.waitForFrameText(
          "current details",
          "PAUSED",
          "(MANUAL: checked in the Web UI)",
          "wave vip: DONE",
          "wave all: PENDING");
      browser.screenshot("current-details");
      ui.runStatusQuery(
          "\"status\": \"PAUSED\"", "\"reason\": \"MANUAL\"", "\"operator\": \"ops-ui\"");
      browser.screenshot("status-query");
      ui.tab("timeline-tab");
      ui.pendingTimer("paused (MANUAL) until resumed");
      browser.waitForText(
          "the pause in the timeline", "PauseStock • pause stock " + stockId + ": MANUAL");
      ui.scrollToSection("Timeline");
      browser.screenshot("timeline-paused");
      ui.listWorkflows("CampaignStatus='PAUSED'", wf);
      browser.screenshot("list-paused");

      // Payloads are encrypted: the UI shows the campaign's spec only through the API's codec
      // endpoint.
      ui.openWorkflow(wf);
      browser.waitForText(
          "the campaign's input, decrypted by the codec endpoint", "运维演练券", plan.mchid());
      browser.screenshot("input-decrypted");
      // The Web UI decrypts with a codec-role token, which every UI user can read in its codec
      // URL: it decodes, and it can neither pause the campaign nor read it or its metrics.
      Http codec = stack.api().withToken(stack.codecToken());
      String paths = "/api/v1/campaigns/" + plan.campaignId();
      codec.post("/codec/decode", Map.of("payloads", List.of())).expect(200);
      codec.post(paths + "/pause", Map.of("reason", "from a stolen UI URL")).expect(403);
      codec.post(paths + "/cancel", Map.of("reason", "from a stolen UI URL")).expect(403);
      codec.get(paths).expect(403);
      codec.get("/actuator/prometheus").expect(403);
      assertThat(campaigns.status(plan).path("history").toString())
          .doesNotContain("from a stolen UI URL");
      // Without a token the codec endpoint refuses (401): the same page shows ciphertext only,
      // and timers lose their summaries.
      ui.overrideCodecEndpoint(stack.api().base() + "/codec");
      ui.openWorkflow(wf);
      browser.waitForText(
          "the UI reporting that it cannot decode", "Codec Server could not connect");
      assertThat(browser.text())
          .as("the page without the codec")
          .doesNotContain("运维演练券")
          .doesNotContain(plan.waves().get(0).openids().get(0))
          .doesNotContain("ops-ui")
          .doesNotContain("wave all starts");
      browser.screenshot("input-encrypted");
      ui.overrideCodecEndpoint(null);

      // Done with the UI: cancel through the API; what was issued was issued exactly once.
      cancelAndCheck(stack, campaigns, plan, stockId);
    }
  }

  private static void cancelAndCheck(
      Stack stack, Campaigns campaigns, CampaignPlan plan, String stockId) {
    JsonNode cancelled =
        stack
            .api()
            .post(
                "/api/v1/campaigns/" + plan.campaignId() + "/cancel",
                Map.of("reason", "end of the Web UI check"))
            .expect(200);
    assertThat(cancelled.path("status").asText()).isEqualTo("CANCELLED");
    assertThat(cancelled.path("waves").findValuesAsText("status"))
        .isEqualTo(List.of("DONE", "CANCELLED"));
    CampaignPlan firstWave = plan.onlyWaves(0);
    assertThat(campaigns.assertExactlyOnce(firstWave, stockId)).isEqualTo(1600);
    assertThat(stack.sandbox().couponCount(stockId)).isEqualTo(1600);
  }
}
