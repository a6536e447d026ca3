package com.campaigns.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.campaigns.e2e.support.CampaignPlan;
import com.campaigns.e2e.support.Campaigns;
import com.campaigns.e2e.support.Console;
import com.campaigns.e2e.support.Http;
import com.campaigns.e2e.support.Stack;
import com.campaigns.e2e.support.StackExtension;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Continue-as-new on the real server, in the middle of a wave: a campaign started through a second
 * API whose history threshold is the lowest allowed (500 events) and whose segments are small (20
 * recipients, so a wave makes hundreds of events). Its run continues as new while the wave issues;
 * the next run takes the wave over where the state says it stopped. The status document read while
 * it happens never goes back, and the campaign completes with every coupon issued exactly once.
 */
@ExtendWith(StackExtension.class)
@Order(5)
class ContinueAsNewIT {

  private static final int RECIPIENTS = 2400;
  private static final int SEGMENT_SIZE = 20;

  @Test
  void aCampaignContinuesAsNewMidWaveAndStillIssuesEveryCouponExactlyOnce(Stack stack) {
    Http lowThreshold =
        stack.addApi(
            "api-can",
            List.of(
                "--campaigns.workflow.max-run-events=500",
                "--campaigns.workflow.segment-size=" + SEGMENT_SIZE));
    Campaigns campaigns = new Campaigns(stack, lowThreshold);
    CampaignPlan plan =
        CampaignPlan.create("e2e-can", Duration.ofSeconds(15), Duration.ofSeconds(150))
            .wave("all", Duration.ZERO, RECIPIENTS, 200);
    campaigns.create(plan);

    // The status document, polled throughout: every answer is 200 and issued never goes back.
    List<Long> issued = new CopyOnWriteArrayList<>();
    List<String> refused = new CopyOnWriteArrayList<>();
    ScheduledExecutorService poller = Executors.newSingleThreadScheduledExecutor();
    poller.scheduleWithFixedDelay(
        () -> {
          Http.Answer a = lowThreshold.get("/api/v1/campaigns/" + plan.campaignId());
          if (a.status() == 200) {
            issued.add(a.json().path("issued").path("count").asLong());
          } else {
            refused.add(a.status() + " " + a.body());
          }
        },
        0,
        300,
        TimeUnit.MILLISECONDS);
    String stockId;
    JsonNode done;
    try {
      stockId = campaigns.awaitStockId(plan);
      done = campaigns.awaitCompleted(plan);
    } finally {
      poller.shutdownNow();
    }

    // The chain: a run that continued as new in the middle of the wave, then the one that
    // completed.
    List<JsonNode> runs = stack.cli().runs(plan.workflowId());
    Console.step("%s ran in %d runs", plan.workflowId(), runs.size());
    assertThat(runs).hasSizeGreaterThanOrEqualTo(2);
    assertThat(runs.get(0).path("status").asText())
        .isEqualTo("WORKFLOW_EXECUTION_STATUS_CONTINUED_AS_NEW");
    assertThat(runs.get(runs.size() - 1).path("status").asText())
        .isEqualTo("WORKFLOW_EXECUTION_STATUS_COMPLETED");
    JsonNode carried = carriedState(stack, plan, runs.get(0));
    JsonNode wave = carried.path("state").path("waves").path(0);
    long issuedAtBoundary = issued(wave);
    Console.step(
        "run 1 continued as new with wave all %s, %d of %d coupons issued",
        wave.path("status").asText(), issuedAtBoundary, RECIPIENTS);
    assertThat(wave.path("status").asText()).as("wave at the boundary").isEqualTo("RUNNING");
    assertThat(issuedAtBoundary).as("issued when run 1 ended").isBetween(1L, RECIPIENTS - 1L);

    // Completed, exactly once, balanced.
    assertThat(done.path("issued").path("count").asLong()).isEqualTo(RECIPIENTS);
    assertThat(done.path("waves").findValuesAsText("status")).containsExactly("DONE");
    assertThat(campaigns.assertExactlyOnce(plan, stockId)).isEqualTo(RECIPIENTS);
    assertThat(stack.sandbox().couponCount(stockId)).isEqualTo(RECIPIENTS);
    campaigns.assertReportBalances(plan);

    // Continuous across the boundary: read before and after it, never lower than before.
    assertThat(refused).as("status reads that were not answered").isEmpty();
    assertThat(issued)
        .as("issued counts read while it ran")
        .isSortedAccordingTo(Long::compare)
        .anyMatch(n -> n < issuedAtBoundary)
        .anyMatch(n -> n > issuedAtBoundary);
  }

  /** The coupons a wave's segments had issued, by the state. */
  private static long issued(JsonNode wave) {
    long sum = 0;
    for (JsonNode segment : wave.path("segments")) {
      sum += segment.path("totals").path("issued").asLong();
    }
    return sum;
  }

  /** The input of the continue-as-new that ended {@code run}: the campaign input and its state. */
  private static JsonNode carriedState(Stack stack, CampaignPlan plan, JsonNode run) {
    String runId = run.path("execution").path("runId").asText();
    JsonNode events = readJson(stack.cli().history(plan.workflowId(), runId)).path("events");
    JsonNode last = events.get(events.size() - 1);
    String data =
        last.path("workflowExecutionContinuedAsNewEventAttributes")
            .path("input")
            .path("payloads")
            .path(0)
            .path("data")
            .asText();
    assertThat(data).as("the continue-as-new input of run %s", runId).isNotEmpty();
    return readJson(new String(Base64.getDecoder().decode(data), StandardCharsets.UTF_8));
  }

  private static JsonNode readJson(String json) {
    try {
      return Http.JSON.readTree(json);
    } catch (IOException e) {
      throw new AssertionError("not JSON: " + json, e);
    }
  }
}
