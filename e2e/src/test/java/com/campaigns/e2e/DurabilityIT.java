package com.campaigns.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.campaigns.e2e.support.CampaignPlan;
import com.campaigns.e2e.support.Campaigns;
import com.campaigns.e2e.support.Console;
import com.campaigns.e2e.support.Stack;
import com.campaigns.e2e.support.StackExtension;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Durability on the real server, with real processes: the worker is killed with SIGKILL in the
 * middle of a wave and a new one is started; later the dev server itself is stopped and started
 * again on the same SQLite file in the middle of the next wave. The campaign still runs to
 * COMPLETED, and the sandbox's coupons are exactly the ledger's: none twice, no recipient missing.
 */
@ExtendWith(StackExtension.class)
@Order(3)
class DurabilityIT {

  private static final int PER_WAVE = 2400;

  @Test
  void aCampaignSurvivesAKilledWorkerAndARestartedServerAndIssuesEveryCouponExactlyOnce(
      Stack stack) {
    Campaigns campaigns = new Campaigns(stack);
    CampaignPlan plan =
        CampaignPlan.create("e2e-crash", Duration.ofSeconds(15), Duration.ofSeconds(150))
            .wave("vip", Duration.ZERO, PER_WAVE, 200)
            .wave("all", Duration.ofSeconds(20), PER_WAVE, 200);
    campaigns.create(plan);
    String stockId = campaigns.awaitStockId(plan);

    // 1. kill -9 the worker in the middle of wave vip, then start a new one.
    campaigns.awaitCoupons(stockId, 400, Duration.ofMinutes(2));
    assertThat(campaigns.status(plan).path("waves").path(0).path("status").asText())
        .isEqualTo("RUNNING");
    long firstWorker = stack.worker().pid();
    stack.killWorker();
    long atKill = stack.sandbox().couponCount(stockId);
    Console.step("worker killed at %d of %d coupons of wave vip", atKill, PER_WAVE);
    assertThat(atKill).as("killed mid-wave").isLessThan(PER_WAVE);
    stack.startWorker();
    long secondWorker = stack.worker().pid();
    // Its segments' heartbeats stopped: after the heartbeat timeout they are retried on the new
    // worker.
    campaigns.awaitCoupons(stockId, atKill + 1, Duration.ofMinutes(2));
    Console.step("issuing again on the new worker");

    // 2. Stop the dev server in the middle of wave all and start it again on the same SQLite file.
    campaigns.awaitWave(plan, 1, "RUNNING", Duration.ofMinutes(3));
    long atRestart = campaigns.awaitCoupons(stockId, PER_WAVE + 400, Duration.ofMinutes(2));
    assertThat(atRestart).as("restarted mid-wave").isLessThan(2L * PER_WAVE);
    Instant stoppedAt = Instant.now();
    stack.stopTemporal();
    await("the worker notices that Temporal is gone")
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofSeconds(1))
        .until(() -> stack.workerHealth().startsWith("{\"status\":\"DOWN\""));
    stack.startTemporal();
    Console.step(
        "dev server back after %d s; the worker and the API reconnect by themselves",
        Duration.between(stoppedAt, Instant.now()).toSeconds());
    JsonNode afterRestart = campaigns.awaitStatus(plan, "RUNNING", Duration.ofMinutes(2));
    assertThat(afterRestart.path("stock_id").asText()).isEqualTo(stockId);

    // 3. It completes; every recipient got exactly one coupon.
    JsonNode done = campaigns.awaitCompleted(plan);
    assertThat(done.path("issued").path("count").asLong()).isEqualTo(2L * PER_WAVE);
    assertThat(done.path("rejected").path("count").asLong()).isZero();
    assertThat(done.path("waves").findValuesAsText("status")).containsExactly("DONE", "DONE");
    assertThat(campaigns.assertExactlyOnce(plan, stockId)).isEqualTo(2L * PER_WAVE);
    assertThat(stack.sandbox().couponCount(stockId)).isEqualTo(2L * PER_WAVE);
    campaigns.assertReportBalances(plan);

    // The history shows what happened: IssueCoupons retried, and run by both worker processes.
    JsonNode events =
        stack
            .cli()
            .run("workflow", "show", "--workflow-id", plan.workflowId(), "-o", "json")
            .json()
            .path("events");
    Set<String> identities = new HashSet<>();
    int retried = 0;
    for (JsonNode e : events) {
      JsonNode started = e.path("activityTaskStartedEventAttributes");
      if (!started.isMissingNode()) {
        identities.add(started.path("identity").asText().replaceAll("@.*", ""));
        if (started.path("attempt").asInt(1) > 1) {
          retried++;
        }
      }
    }
    assertThat(retried).as("activity attempts after the first").isPositive();
    assertThat(identities).contains(String.valueOf(firstWorker), String.valueOf(secondWorker));
  }
}
