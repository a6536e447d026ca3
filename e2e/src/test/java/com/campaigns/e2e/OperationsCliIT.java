package com.campaigns.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.campaigns.e2e.support.CampaignPlan;
import com.campaigns.e2e.support.Campaigns;
import com.campaigns.e2e.support.Console;
import com.campaigns.e2e.support.Metrics;
import com.campaigns.e2e.support.Stack;
import com.campaigns.e2e.support.StackExtension;
import com.campaigns.e2e.support.TemporalCli;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The runbook's CLI commands on a real dev server: ops find a campaign by search attribute, pause
 * it with {@code temporal workflow signal --name pause}, read it with {@code temporal workflow
 * query --type status}, resume it with {@code --name resume}, and the campaign still runs to
 * COMPLETED with every coupon issued exactly once and a balanced report.
 */
@ExtendWith(StackExtension.class)
@Order(1)
class OperationsCliIT {

  @Test
  void opsPauseAndResumeARunningCampaignFromTheCliAndItStillCompletesExactlyOnce(Stack stack) {
    TemporalCli cli = stack.cli();
    Campaigns campaigns = new Campaigns(stack);

    // The dev server was started with the four search attributes (Keyword).
    String attributes = cli.run("operator", "search-attribute", "list").assertOk().stdout();
    for (String name : new String[] {"CampaignId", "CampaignStatus", "StockId", "Mchid"}) {
      assertThat(attributes).containsPattern(name + "\\s+Keyword");
    }

    // Two waves; WeChat Pay refuses two abnormal accounts of the first (USER_ACCOUNT_ABNORMAL).
    CampaignPlan plan =
        CampaignPlan.create("e2e-cli", Duration.ofSeconds(15), Duration.ofSeconds(90))
            .wave("vip", Duration.ZERO, 800, 200, "abnormal_e2e_cli_1", "abnormal_e2e_cli_2")
            .wave("all", Duration.ofSeconds(10), 1600, 100)
            .wholeCoupon();
    String wf = plan.workflowId();
    campaigns.create(plan);

    // Find it the way ops do: by search attribute.
    await("temporal workflow list finds " + wf)
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofSeconds(1))
        .until(() -> cli.listWorkflowIds("CampaignId='" + plan.campaignId() + "'").contains(wf));
    String stockId = campaigns.awaitStockId(plan);
    assertThat(cli.listWorkflowIds("StockId='" + stockId + "' AND Mchid='1900000001'"))
        .containsExactly(wf);

    // Wave "all" is issuing: pause it from the CLI.
    campaigns.awaitCoupons(stockId, 800 + 200, Duration.ofMinutes(2));
    cli.signal(wf, "pause", "{\"reason\": \"ops check from the CLI\", \"operator\": \"ops-cli\"}");
    await("CampaignStatus='PAUSED' lists " + wf)
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofSeconds(1))
        .until(() -> cli.listWorkflowIds("CampaignStatus='PAUSED'").contains(wf));

    JsonNode paused = cli.status(wf);
    assertThat(paused.path("status").asText()).isEqualTo("PAUSED");
    assertThat(paused.path("pause").path("reason").asText()).isEqualTo("MANUAL");
    assertThat(paused.path("pause").path("operator").asText()).isEqualTo("ops-cli");
    assertThat(paused.path("pause").path("detail").asText()).isEqualTo("ops check from the CLI");
    assertThat(paused.path("stock_status").asText()).isEqualTo("paused");
    assertThat(paused.path("waves").get(1).path("status").asText()).isEqualTo("PAUSED");
    assertThat(stack.sandbox().stockStatus(stockId))
        .as("the stock at WeChat Pay")
        .isEqualTo("paused");

    // Issuance stopped: not one more coupon, not one more send attempt while paused.
    long couponsWhenPaused = stack.sandbox().couponCount(stockId);
    long sendsWhenPaused = stack.sandbox().stats().path("send_coupon").path("total").asLong();
    assertThat(couponsWhenPaused).isLessThan(plan.recipients() - 2);
    Console.step("paused at %d coupons; watching for 5 s that nothing is sent", couponsWhenPaused);
    await("nothing issued while paused")
        .during(Duration.ofSeconds(5))
        .atMost(Duration.ofSeconds(7))
        .pollInterval(Duration.ofMillis(500))
        .until(
            () ->
                stack.sandbox().couponCount(stockId) == couponsWhenPaused
                    && stack.sandbox().stats().path("send_coupon").path("total").asLong()
                        == sendsWhenPaused);

    // The per-campaign gauges follow a live campaign, from the ledger.
    Metrics.awaitScrape(
        stack.workerUrl(),
        "campaigns_campaign_issued_coupons{",
        "campaign_id=\"" + plan.campaignId() + "\"",
        "campaigns_campaign_budget_issued_percent{");

    // Meanwhile shoppers redeem 20 coupons: real COUPON.USE notifications reach the API and the
    // workflow.
    stack.sandbox().redeem(stockId, 20);
    await("20 redemptions reach the campaign")
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofSeconds(1))
        .until(() -> campaigns.status(plan).path("used").path("count").asLong() == 20);

    // Resume from the CLI: the stock restarts and issuance continues where it stopped.
    long restartsBefore = stack.sandbox().succeeded("restart_stock");
    cli.signal(wf, "resume", "{\"operator\": \"ops-cli\"}");
    await("running again")
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofSeconds(1))
        .until(() -> "RUNNING".equals(cli.status(wf).path("status").asText()));
    assertThat(stack.sandbox().succeeded("restart_stock")).isGreaterThan(restartsBefore);
    assertThat(stack.sandbox().stockStatus(stockId))
        .as("the stock at WeChat Pay")
        .isEqualTo("running");
    campaigns.awaitCoupons(stockId, couponsWhenPaused + 1, Duration.ofSeconds(60));

    // It runs to its end, downloads the flows and reconciles.
    campaigns.awaitCompleted(plan);
    // The whole coupon reached WeChat Pay: its single items are listed there.
    assertThat(
            stack
                .api()
                .get("/api/v1/campaigns/" + plan.campaignId() + "/items?offset=0&limit=10")
                .expect(200)
                .path("data"))
        .extracting(com.fasterxml.jackson.databind.JsonNode::asText)
        .containsExactlyElementsOf(CampaignPlan.ITEMS);
    assertThat(cli.describe(wf).path("workflowExecutionInfo").path("status").asText())
        .isEqualTo("WORKFLOW_EXECUTION_STATUS_COMPLETED");
    assertThat(
            cli.listWorkflowIds(
                "CampaignStatus='COMPLETED' AND CampaignId='" + plan.campaignId() + "'"))
        .containsExactly(wf);

    JsonNode done = cli.status(wf);
    assertThat(done.path("status").asText()).isEqualTo("COMPLETED");
    assertThat(done.path("issued").path("count").asLong()).isEqualTo(plan.recipients() - 2);
    assertThat(done.path("rejected").path("by_code").path("USER_ACCOUNT_ABNORMAL").asLong())
        .isEqualTo(2);
    assertThat(done.path("used").path("count").asLong()).isEqualTo(20);
    assertThat(done.path("waves").findValuesAsText("status")).containsExactly("DONE", "DONE");
    assertThat(done.path("history").toString())
        .contains(
            "MANUAL: ops check from the CLI (by ops-cli)",
            "after MANUAL (by ops-cli)",
            "RECONCILED");

    assertThat(campaigns.assertExactlyOnce(plan, stockId)).isEqualTo(plan.recipients() - 2);
    JsonNode report = campaigns.assertReportBalances(plan);
    assertThat(report.path("totals").path("notified_count").asLong()).isEqualTo(20);
    assertThat(report.path("totals").path("use_flow_count").asLong()).isEqualTo(20);

    // The metrics the runbook tells ops to alert on are there, with the names it gives.
    Metrics.awaitScrape(
        stack.workerUrl(),
        "campaigns_coupons_issued_total{",
        "campaigns_coupons_rejected_total{",
        "code=\"USER_ACCOUNT_ABNORMAL\"",
        "temporal_workflow_completed_total{",
        "temporal_activity_schedule_to_start_latency_seconds",
        "temporal_worker_task_slots_available{");
    Console.step("CLI scenario done: campaign %s, stock %s", plan.campaignId(), stockId);
  }

  /**
   * Money at activation on the real stack: the merchant's balance cannot cover the pre-funded
   * budget, so the campaign pauses with INSUFFICIENT_FUNDS and nothing is issued; the merchant tops
   * up, ops resume from the CLI, and the campaign activates and completes exactly once.
   */
  @Test
  void aCampaignShortOfFundsPausesUntilTheTopUpAndACliResume(Stack stack) {
    TemporalCli cli = stack.cli();
    Campaigns campaigns = new Campaigns(stack);
    String mchid = "1900000002";
    CampaignPlan plan =
        CampaignPlan.create("e2e-funds", Duration.ofSeconds(20), Duration.ofSeconds(120))
            .merchant(mchid, "wx0000000000000002")
            .wave("all", Duration.ZERO, 300, 100);
    long budget = plan.maxAmount();
    // The stack is shared with the suite's later classes: the balance goes back to unlimited.
    try {
      stack.sandbox().deposit(mchid, budget - 1);
      campaigns.create(plan);

      JsonNode paused = campaigns.awaitStatus(plan, "PAUSED", Duration.ofSeconds(90));
      assertThat(paused.path("pause").path("reason").asText()).isEqualTo("INSUFFICIENT_FUNDS");
      assertThat(paused.path("stock_status").asText()).isEqualTo("unactivated");
      assertThat(paused.path("issued").path("count").asLong()).isZero();
      assertThat(stack.sandbox().balance(mchid).path("locked").asLong()).isZero();

      stack.sandbox().deposit(mchid, budget);
      cli.signal(plan.workflowId(), "resume", "{\"operator\": \"ops-cli\"}");
      JsonNode done = campaigns.awaitCompleted(plan);
      assertThat(done.path("issued").path("count").asLong()).isEqualTo(plan.recipients());
      assertThat(done.path("history").toString())
          .contains("INSUFFICIENT_FUNDS", "after INSUFFICIENT_FUNDS (by ops-cli)");
      String stockId = done.path("stock_id").asText();
      assertThat(campaigns.assertExactlyOnce(plan, stockId)).isEqualTo(plan.recipients());
      Console.step("funds scenario done: campaign %s, stock %s", plan.campaignId(), stockId);
    } finally {
      stack.sandbox().unlimitedFunds(mchid);
    }
  }
}
