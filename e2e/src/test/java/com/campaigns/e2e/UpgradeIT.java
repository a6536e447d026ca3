package com.campaigns.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.campaigns.cli.stack.LocalStack;
import com.campaigns.e2e.support.CampaignPlan;
import com.campaigns.e2e.support.Campaigns;
import com.campaigns.e2e.support.Console;
import com.campaigns.e2e.support.Stack;
import com.campaigns.e2e.support.StackExtension;
import com.campaigns.e2e.upgrade.BuildBJar;
import com.campaigns.e2e.upgrade.buildb.BuildB;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A workflow change deployed while a campaign runs, by the procedure of docs/operations.md
 * ("Deploying a workflow change"): the new worker build starts beside the old one, its deployment
 * version is made current, the old build is stopped. Campaigns are auto-upgrade, so the running
 * campaign's next workflow task replays its history on the new build.
 *
 * <p>Build B differs from the shipped build A by one workflow command at the start of every run
 * ({@link BuildB}). Deployed without its {@code Workflow.getVersion} guard, the campaign's replay
 * fails with a non-determinism error and the campaign stops moving: the test can fail. Rolled
 * forward to the guarded build B, the same campaign continues and completes with ledger = sandbox.
 * Then the shipped build is made current again (the rollback procedure), so the suite goes on on
 * it.
 */
@ExtendWith(StackExtension.class)
@Order(3)
class UpgradeIT {

  private static final String BUILD_B = "e2e-b";
  private static final String BUILD_B_UNGUARDED = "e2e-b-unguarded";

  @Test
  void aWorkflowChangeDeployedMidWaveNeedsItsGuardAndThenLosesNothing(Stack stack) {
    Campaigns campaigns = new Campaigns(stack);
    Path buildB = BuildBJar.write(stack.dir().resolve("build-b"));
    LocalStack.Worker buildA = stack.currentWorker();
    String versionA = stack.deploymentVersion(buildA);
    assertThat(versionA).as("build A's deployment version").startsWith("campaigns-worker:");

    // Step 2 of the procedure first: the new builds start beside A and poll, but get nothing
    // until their version is made current. Here two: B without its guard, and B with it.
    LocalStack.Worker unguarded =
        stack.startWorkerBuild(
            "b-unguarded", buildB, buildArgs(BUILD_B_UNGUARDED, /* guarded= */ false));
    LocalStack.Worker guarded =
        stack.startWorkerBuild("b", buildB, buildArgs(BUILD_B, /* guarded= */ true));

    CampaignPlan plan =
        CampaignPlan.create("e2e-upgrade", Duration.ofSeconds(15), Duration.ofSeconds(240))
            .wave("early", Duration.ZERO, 2400, 40)
            .wave("late", Duration.ofSeconds(90), 400, 100);
    campaigns.create(plan);
    String stockId = campaigns.awaitStockId(plan);
    campaigns.awaitCoupons(stockId, 200, Duration.ofMinutes(2));
    assertThat(campaigns.status(plan).path("waves").path(0).path("status").asText())
        .isEqualTo("RUNNING");
    assertThat(workflowTaskIdentities(stack, plan))
        .as("so far only build A ran the campaign")
        .allMatch(id -> id.startsWith(buildA.process().pid() + "@"));
    Console.step("campaign %s runs on build A (%s), mid-wave", plan.campaignId(), versionA);

    // 1. B without its guard made current, A stopped: the campaign's replay on it must fail.
    stack.makeCurrent(unguarded);
    stack.retireCurrentWorker(unguarded);
    long atSwitch = stack.sandbox().couponCount(stockId);
    assertThat(atSwitch).as("switched mid-wave").isLessThan(2400);
    Console.step(
        "build A stopped at %d coupons; %s is current",
        atSwitch, stack.deploymentVersion(unguarded));
    JsonNode nondeterminism =
        await("a non-determinism failure in " + plan.workflowId() + "'s history")
            .atMost(Duration.ofMinutes(3))
            .pollInterval(Duration.ofSeconds(2))
            .until(() -> nondeterminismFailure(stack, plan), f -> f != null);
    Console.step(
        "the unguarded build fails the campaign's replay: WorkflowTaskFailed, cause %s",
        nondeterminism.path("cause").asText());
    assertThat(nondeterminism.path("identity").asText())
        .as("the failing workflow task ran on the unguarded build")
        .startsWith(unguarded.process().pid() + "@");

    // 2. Roll forward to B with its guard: the same campaign continues on it.
    stack.makeCurrent(guarded);
    stack.retireCurrentWorker(guarded);
    Instant rolledForward = Instant.now();
    Console.step("unguarded build stopped; %s is current", stack.deploymentVersion(guarded));
    await("a workflow task of " + plan.workflowId() + " completed by the guarded build")
        .atMost(Duration.ofMinutes(12))
        .pollInterval(Duration.ofSeconds(3))
        .until(
            () ->
                workflowTaskIdentities(stack, plan).stream()
                    .anyMatch(id -> id.startsWith(guarded.process().pid() + "@")));
    Console.step(
        "the campaign moves again on the guarded build, %d s after it became current",
        Duration.between(rolledForward, Instant.now()).toSeconds());

    JsonNode done = campaigns.awaitCompleted(plan);
    assertThat(done.path("issued").path("count").asLong()).isEqualTo(2800);
    assertThat(done.path("waves").findValuesAsText("status")).containsExactly("DONE", "DONE");
    assertThat(campaigns.assertExactlyOnce(plan, stockId)).isEqualTo(2800);
    assertThat(stack.sandbox().couponCount(stockId)).isEqualTo(2800);
    campaigns.assertReportBalances(plan);

    // The history shows the move: workflow tasks completed by build A, then by guarded build B;
    // the replayed part kept build A's commands (no memo written, no version marker).
    List<String> completedBy = workflowTaskIdentities(stack, plan);
    assertThat(completedBy)
        .as("workflow tasks completed by build A, then by the guarded build B")
        .anyMatch(id -> id.startsWith(buildA.process().pid() + "@"))
        .anyMatch(id -> id.startsWith(guarded.process().pid() + "@"));
    assertThat(completedBy.get(completedBy.size() - 1)).startsWith(guarded.process().pid() + "@");
    JsonNode described = stack.cli().describe(plan.workflowId());
    assertThat(described.toString())
        .as("the campaign's versioning info names build B")
        .contains(BUILD_B)
        .doesNotContain(BUILD_B_UNGUARDED + "\"");

    // 3. Roll back to the shipped build (docs/operations.md): its version becomes current again.
    LocalStack.Worker shipped = stack.startShippedWorker();
    stack.makeCurrent(shipped);
    stack.retireCurrentWorker(shipped);
    assertThat(stack.deploymentVersion(shipped)).isEqualTo(versionA);
    Console.step("rolled back: %s is current again", versionA);
  }

  private static List<String> buildArgs(String buildId, boolean guarded) {
    return List.of(
        "--campaigns.worker.versioning.build-id=" + buildId, "--build-b.guarded=" + guarded);
  }

  /** The first WorkflowTaskFailed event whose cause is non-determinism, or null. */
  private static JsonNode nondeterminismFailure(Stack stack, CampaignPlan plan) {
    for (JsonNode e : history(stack, plan)) {
      JsonNode failed = e.path("workflowTaskFailedEventAttributes");
      if (!failed.isMissingNode()
          && (failed.path("cause").asText().contains("NON_DETERMINISTIC")
              || failed
                  .path("failure")
                  .toString()
                  .toLowerCase(Locale.ROOT)
                  .contains("nondeterministic"))) {
        return failed;
      }
    }
    return null;
  }

  /** The identities of the workers that completed the campaign's workflow tasks, in order. */
  private static List<String> workflowTaskIdentities(Stack stack, CampaignPlan plan) {
    List<String> identities = new ArrayList<>();
    for (JsonNode e : history(stack, plan)) {
      JsonNode completed = e.path("workflowTaskCompletedEventAttributes");
      if (!completed.isMissingNode()) {
        identities.add(completed.path("identity").asText());
      }
    }
    return identities;
  }

  private static JsonNode history(Stack stack, CampaignPlan plan) {
    return stack
        .cli()
        .run("workflow", "show", "--workflow-id", plan.workflowId(), "-o", "json")
        .json()
        .path("events");
  }
}
