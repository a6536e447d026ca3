package com.campaigns.e2e.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.campaigns.activities.ExactlyOnce;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;

/** Campaign steps every scenario takes, through the REST API as a marketer would. */
public final class Campaigns {

  private final Stack stack;
  private final Http api;

  public Campaigns(Stack stack) {
    this(stack, stack.api());
  }

  /** Through another API process of the stack ({@link Stack#addApi}). */
  public Campaigns(Stack stack, Http api) {
    this.stack = stack;
    this.api = api;
  }

  /** {@code POST /api/v1/campaigns}: 201 and a SCHEDULED status document. */
  public JsonNode create(CampaignPlan plan) {
    Console.step(
        "creating campaign %s: %d recipients in %d waves, stock %s → %s",
        plan.campaignId(),
        plan.recipients(),
        plan.waves().size(),
        CampaignPlan.rfc3339(plan.begin()),
        CampaignPlan.rfc3339(plan.end()));
    JsonNode created = api.post("/api/v1/campaigns", plan.spec()).expect(201);
    assertThat(created.path("workflow_id").asText()).isEqualTo(plan.workflowId());
    return created;
  }

  /** {@code GET /api/v1/campaigns/{id}}. */
  public JsonNode status(CampaignPlan plan) {
    return api.get("/api/v1/campaigns/" + plan.campaignId()).expect(200);
  }

  /** The stock id, once the workflow has created the stock. */
  public String awaitStockId(CampaignPlan plan) {
    AtomicReference<String> stockId = new AtomicReference<>();
    await("stock of " + plan.campaignId() + " created")
        .atMost(Duration.ofMinutes(2))
        .pollInterval(Duration.ofSeconds(1))
        .until(
            () -> {
              String id = status(plan).path("stock_id").asText("");
              stockId.set(id);
              return !id.isEmpty() && !"null".equals(id);
            });
    return stockId.get();
  }

  /** Waits until the sandbox has issued at least {@code count} coupons of the stock. */
  public long awaitCoupons(String stockId, long count, Duration atMost) {
    AtomicReference<Long> seen = new AtomicReference<>(0L);
    await("at least " + count + " coupons of stock " + stockId)
        .atMost(atMost)
        .pollInterval(Duration.ofMillis(500))
        .until(
            () -> {
              seen.set(stack.sandbox().couponCount(stockId));
              return seen.get() >= count;
            });
    return seen.get();
  }

  /** Waits until the campaign's status document says {@code status} (the workflow's own word). */
  public JsonNode awaitStatus(CampaignPlan plan, String status, Duration atMost) {
    AtomicReference<JsonNode> doc = new AtomicReference<>();
    await(plan.campaignId() + " is " + status)
        .atMost(atMost)
        .pollInterval(Duration.ofSeconds(1))
        .until(
            () -> {
              doc.set(status(plan));
              return status.equals(doc.get().path("status").asText());
            });
    return doc.get();
  }

  /**
   * Waits until wave {@code index} has {@code status} (PENDING, RUNNING, PAUSED, DONE, CANCELLED).
   */
  public JsonNode awaitWave(CampaignPlan plan, int index, String status, Duration atMost) {
    AtomicReference<JsonNode> doc = new AtomicReference<>();
    await(plan.campaignId() + " wave " + index + " is " + status)
        .atMost(atMost)
        .pollInterval(Duration.ofSeconds(1))
        .until(
            () -> {
              doc.set(status(plan));
              return status.equals(doc.get().path("waves").path(index).path("status").asText());
            });
    return doc.get();
  }

  /** Waits for COMPLETED, allowing for the stock's end, the flow download and a loaded machine. */
  public JsonNode awaitCompleted(CampaignPlan plan) {
    Duration left = Duration.between(Instant.now(), plan.end()).plusMinutes(3);
    Console.step(
        "waiting for %s to end (%s) and complete",
        plan.campaignId(), CampaignPlan.rfc3339(plan.end()));
    JsonNode done =
        awaitStatus(plan, "COMPLETED", left.isNegative() ? Duration.ofMinutes(3) : left);
    Console.step(
        "%s COMPLETED: issued %d, rejected %d",
        plan.campaignId(),
        done.path("issued").path("count").asLong(),
        done.path("rejected").path("count").asLong());
    return done;
  }

  /**
   * Exactly once, against the sandbox's own records: its coupons are exactly the ledger's issued
   * rows, no (wave, openid) got two coupons, every recipient of every wave has a final outcome.
   * Returns the number of coupons issued.
   */
  public long assertExactlyOnce(CampaignPlan plan, String stockId) {
    long issued =
        ExactlyOnce.assertHolds(
            stack.sandbox()::coupons,
            stack.issuance(),
            plan.campaignId(),
            stockId,
            plan.recipientsByWave());
    Console.step(
        "%s: ledger = sandbox, %d coupons, none twice, every one of the %d recipients has an outcome",
        plan.campaignId(), issued, plan.recipients());
    return issued;
  }

  /** The reconciliation report balances ({@code GET /api/v1/campaigns/{id}/report}). */
  public JsonNode assertReportBalances(CampaignPlan plan) {
    JsonNode report = api.get("/api/v1/campaigns/" + plan.campaignId() + "/report").expect(200);
    assertThat(report.path("balanced").asBoolean()).as("report %s", report).isTrue();
    return report;
  }
}
