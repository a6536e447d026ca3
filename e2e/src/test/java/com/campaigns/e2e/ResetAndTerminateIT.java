package com.campaigns.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.campaigns.e2e.support.CampaignPlan;
import com.campaigns.e2e.support.Campaigns;
import com.campaigns.e2e.support.Console;
import com.campaigns.e2e.support.Http;
import com.campaigns.e2e.support.Stack;
import com.campaigns.e2e.support.StackExtension;
import com.campaigns.e2e.support.TemporalCli;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The ops tools for a bad deploy, on the real dev server with the CLI ops would use. {@code
 * temporal workflow reset} mid-wave, to the last and to the first workflow task: the campaign
 * completes with the ledger equal to WeChat Pay's coupons and the budget guard's amounts counted
 * once. {@code temporal workflow terminate} mid-wave: the API shows TERMINATED at once with the
 * ledger's counts, equal to WeChat Pay's, and ops' tidy-up pauses the stock the terminate left
 * running.
 */
@ExtendWith(StackExtension.class)
@Order(4)
class ResetAndTerminateIT {

  private static final int PER_WAVE = 2000;
  private static final int RATE = 100;

  @Test
  void aCampaignResetMidWaveToItsLastOrFirstWorkflowTaskCompletesExactlyOnce(Stack stack) {
    Campaigns campaigns = new Campaigns(stack);
    CampaignPlan last =
        CampaignPlan.create("e2e-rlast", Duration.ofSeconds(15), Duration.ofSeconds(60))
            .wave("vip", Duration.ZERO, PER_WAVE, RATE);
    CampaignPlan first =
        CampaignPlan.create("e2e-rfirst", Duration.ofSeconds(15), Duration.ofSeconds(60))
            .wave("vip", Duration.ZERO, PER_WAVE, RATE);
    campaigns.create(last);
    campaigns.create(first);
    String lastStock = campaigns.awaitStockId(last);
    String firstStock = campaigns.awaitStockId(first);

    long atLast = resetMidWave(stack, campaigns, last, lastStock, "LastWorkflowTask");
    long atFirst = resetMidWave(stack, campaigns, first, firstStock, "FirstWorkflowTask");
    Console.step("reset at %d and %d coupons of %d", atLast, atFirst, PER_WAVE);

    for (CampaignPlan plan : new CampaignPlan[] {last, first}) {
      String stockId = plan == last ? lastStock : firstStock;
      JsonNode done = campaigns.awaitCompleted(plan);
      // The reset run continued on the same stock, without a second one.
      assertThat(done.path("stock_id").asText()).isEqualTo(stockId);
      long issued = campaigns.assertExactlyOnce(plan, stockId);
      assertThat(issued).isEqualTo(PER_WAVE);
      assertThat(stack.sandbox().couponCount(stockId)).isEqualTo(PER_WAVE);
      // The budget guard's inputs counted once: the workflow's tallies equal the ledger's.
      assertThat(done.path("issued").path("count").asLong()).isEqualTo(issued);
      assertThat(done.path("issued").path("amount").asLong())
          .isEqualTo(issued * CampaignPlan.COUPON_AMOUNT);
      assertThat(done.path("waves").path(0).path("issued").asLong()).isEqualTo(issued);
      assertThat(done.path("budget").path("issued_percent").asDouble())
          .isCloseTo(
              100.0 * issued * CampaignPlan.COUPON_AMOUNT / plan.maxAmount(),
              org.assertj.core.data.Offset.offset(0.01));
      campaigns.assertReportBalances(plan);
      // The run that completed is the reset one: its first run is the one that was reset.
      JsonNode info = stack.cli().describe(plan.workflowId()).path("workflowExecutionInfo");
      assertThat(info.path("execution").path("runId").asText())
          .isNotEqualTo(info.path("firstRunId").asText());
    }
  }

  @Test
  void aCampaignTerminatedMidWaveShowsTerminatedWithWechatPaysCountAndOpsPauseItsStock(
      Stack stack) {
    Campaigns campaigns = new Campaigns(stack);
    TemporalCli cli = stack.cli();
    CampaignPlan plan =
        CampaignPlan.create("e2e-term", Duration.ofSeconds(15), Duration.ofSeconds(600))
            .wave("vip", Duration.ZERO, PER_WAVE, RATE);
    campaigns.create(plan);
    String stockId = campaigns.awaitStockId(plan);
    long atTerminate = campaigns.awaitCoupons(stockId, 300, Duration.ofMinutes(2));
    cli.run(
            "workflow",
            "terminate",
            "--workflow-id",
            plan.workflowId(),
            "--reason",
            "bad deploy: terminated by ops")
        .assertOk();
    assertThat(atTerminate).as("terminated mid-wave").isLessThan(PER_WAVE);

    // Answered at once, not after the status query's 30 s timeout.
    Instant asked = Instant.now();
    JsonNode doc = campaigns.status(plan);
    Duration took = Duration.between(asked, Instant.now());
    Console.step("GET of the terminated campaign answered in %d ms", took.toMillis());
    assertThat(took).isLessThan(Duration.ofSeconds(5));
    assertThat(doc.path("status").asText()).isEqualTo("TERMINATED");
    assertThat(doc.path("closed").path("execution_status").asText()).isEqualTo("TERMINATED");
    assertThat(doc.path("closed").path("reason").asText())
        .isEqualTo("bad deploy: terminated by ops");

    // The segments running at the terminate go on until they notice it (or to their end): wait
    // until WeChat Pay's count is still, then the API's count (from the ledger) is WeChat Pay's.
    AtomicLong coupons = new AtomicLong(-1);
    await("no more coupons after the terminate")
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofSeconds(3))
        .until(() -> coupons.getAndSet(stack.sandbox().couponCount(stockId)) == coupons.get());
    long issued = coupons.get();
    Console.step("terminated at %d coupons; %d issued in all", atTerminate, issued);
    assertThat(issued).isLessThan(PER_WAVE);
    JsonNode after = campaigns.status(plan);
    assertThat(after.path("status").asText()).isEqualTo("TERMINATED");
    assertThat(after.path("issued").path("count").asLong()).isEqualTo(issued);
    assertThat(after.path("waves").path(0).path("issued").asLong()).isEqualTo(issued);
    assertThat(after.path("waves").path(0).path("status").asText()).isEqualTo("CANCELLED");
    assertThat(after.path("closed").path("counts_from").asText()).isEqualTo("ledger");
    assertThat(stack.issuance().issued(plan.campaignId())).hasSize((int) issued);
    JsonNode listed = listed(stack, plan);
    assertThat(listed.path("status").asText()).isEqualTo("TERMINATED");
    assertThat(listed.path("issued").path("count").asLong()).isEqualTo(issued);

    // The terminate left the stock running; the tidy-up (ops) pauses it through a worker.
    assertThat(stack.sandbox().stockStatus(stockId)).isEqualTo("running");
    Http ops = stack.apiAsOps();
    JsonNode tidied =
        ops.post("/api/v1/campaigns/" + plan.campaignId() + "/tidy-up", "").expect(200);
    assertThat(tidied.path("status").asText()).isEqualTo("TERMINATED");
    assertThat(tidied.path("stock_status").asText()).isEqualTo("paused");
    assertThat(tidied.path("issued").path("count").asLong()).isEqualTo(issued);
    assertThat(stack.sandbox().stockStatus(stockId)).isEqualTo("paused");
    assertThat(stack.sandbox().couponCount(stockId)).isEqualTo(issued);
    assertThat(
            cli.describe("tidy-up-" + plan.campaignId())
                .path("workflowExecutionInfo")
                .path("status")
                .asText())
        .isEqualTo("WORKFLOW_EXECUTION_STATUS_COMPLETED");
  }

  /** Waits until the wave is under way, then resets the campaign's run with the CLI. */
  private static long resetMidWave(
      Stack stack, Campaigns campaigns, CampaignPlan plan, String stockId, String type) {
    long at = campaigns.awaitCoupons(stockId, 300, Duration.ofMinutes(2));
    stack
        .cli()
        .run(
            "workflow",
            "reset",
            "--workflow-id",
            plan.workflowId(),
            "--type",
            type,
            "--reason",
            "e2e: reset to " + type + " mid-wave")
        .assertOk();
    assertThat(at).as("reset mid-wave").isLessThan(PER_WAVE);
    return at;
  }

  private static JsonNode listed(Stack stack, CampaignPlan plan) {
    for (JsonNode c : stack.api().get("/api/v1/campaigns?limit=500").expect(200)) {
      if (c.path("campaign_id").asText().equals(plan.campaignId())) {
        return c;
      }
    }
    throw new AssertionError(plan.campaignId() + " is not listed");
  }
}
