package com.campaigns.workflows.campaign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.campaigns.workflows.TemporalNames;
import com.campaigns.workflows.fixtures.CampaignSpecs;
import com.campaigns.workflows.fixtures.CampaignTestServer;
import com.campaigns.workflows.fixtures.FakeCampaignActivities;
import com.campaigns.workflows.fixtures.RecordedHistories;
import com.campaigns.workflows.model.ApprovalDecision;
import com.campaigns.workflows.model.ApprovalRequest;
import com.campaigns.workflows.model.CampaignInput;
import com.campaigns.workflows.model.CampaignPhase;
import com.campaigns.workflows.model.CampaignSpec;
import com.campaigns.workflows.model.CancelRequest;
import com.campaigns.workflows.model.PauseRequest;
import com.campaigns.workflows.model.StatusDocument;
import com.campaigns.workflows.model.WavePhase;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowUpdateException;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.TestWorkflowExtension;
import io.temporal.worker.Worker;
import java.time.Duration;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Four eyes: a budget above the merchant's threshold waits in AWAITING_APPROVAL, with no WeChat Pay
 * call, for another person's approve or reject; unapproved, it expires at its activation time. The
 * campaigns begin an hour after the start, so they expire 59 minutes in (activation lead 1 min).
 */
@org.junit.jupiter.api.Timeout(120)
class CampaignApprovalTest {

  static final String STARTER = "marketer-mei";
  static final String APPROVER = "approver-ann";

  /** The callback test's campaign has a budget of 500 000 fen (1000 coupons of 500). */
  static final long BELOW_BUDGET = 100_000;

  static final FakeCampaignActivities fake = new FakeCampaignActivities();

  @RegisterExtension static final TestWorkflowExtension temporal = CampaignTestServer.with(fake);

  @BeforeEach
  void forgetCalls() {
    fake.calls.clear();
  }

  static CampaignSpec spec(TestWorkflowEnvironment env, String id) {
    CampaignSpec spec =
        CampaignCallbackConflictTest.spec(env, id, "1900000041", Duration.ofDays(1));
    fake.audience(id + "-all", CampaignSpecs.openids(id + "-all-", 200));
    return spec;
  }

  static CampaignWorkflow start(
      WorkflowClient client, Worker worker, CampaignSpec spec, Long threshold) {
    CampaignWorkflow wf =
        client.newWorkflowStub(
            CampaignWorkflow.class,
            WorkflowOptions.newBuilder()
                .setTaskQueue(worker.getTaskQueue())
                .setWorkflowId(TemporalNames.workflowId(spec.campaignId()))
                .build());
    WorkflowClient.start(
        wf::run,
        new CampaignInput(
            spec, "hash", CampaignCallbackConflictTest.settings(), STARTER, null, threshold));
    return wf;
  }

  @Test
  void aBudgetAboveTheThresholdWaitsWithoutWechatPayUntilAnotherPersonApproves(
      TestWorkflowEnvironment env, WorkflowClient client, Worker worker) {
    CampaignWorkflow wf = start(client, worker, spec(env, "approved"), BELOW_BUDGET);
    env.sleep(Duration.ofMinutes(30));

    StatusDocument waiting = wf.status();
    assertThat(waiting.status()).isEqualTo(CampaignPhase.AWAITING_APPROVAL);
    assertThat(waiting.approval().required()).isTrue();
    assertThat(waiting.approval().threshold()).isEqualTo(BELOW_BUDGET);
    assertThat(waiting.approval().decision()).isEqualTo(ApprovalDecision.PENDING);
    assertThat(waiting.approval().requestedBy()).isEqualTo(STARTER);
    assertThat(waiting.approval().expiresAt()).isNotNull();
    assertThat(waiting.stockId()).isNull();
    assertThat(fake.calls).as("nothing reaches WeChat Pay before approval").isEmpty();
    assertThat(waiting.history())
        .extracting(StatusDocument.HistoryEntry::event)
        .containsExactly("SCHEDULED", "APPROVAL_REQUESTED");

    // The starter cannot approve, not even as "Marketer-Mei "; a pause is not an approval either.
    refused(() -> wf.approve(new ApprovalRequest(STARTER, "looks fine")), "may not decide");
    refused(() -> wf.approve(new ApprovalRequest(" Marketer-Mei ", null)), "may not decide");
    refused(() -> wf.approve(new ApprovalRequest(" ", null)), "operator is required");
    refused(() -> wf.pauseCampaign(new PauseRequest("hold", "ops")), "cannot be paused");
    assertThat(wf.status().status()).isEqualTo(CampaignPhase.AWAITING_APPROVAL);

    StatusDocument approved = wf.approve(new ApprovalRequest(APPROVER, "budget signed off"));
    assertThat(approved.status()).isNotEqualTo(CampaignPhase.AWAITING_APPROVAL);
    assertThat(approved.approval().decision()).isEqualTo(ApprovalDecision.APPROVED);
    assertThat(approved.approval().approvedBy()).isEqualTo(APPROVER);
    assertThat(approved.approval().approvedAt()).isNotNull();
    assertThat(approved.approval().note()).isEqualTo("budget signed off");
    refused(() -> wf.approve(new ApprovalRequest("approver-bo", null)), "not AWAITING_APPROVAL");

    StatusDocument done = CampaignCallbackConflictTest.result(client, "approved");
    assertThat(done.status()).isEqualTo(CampaignPhase.COMPLETED);
    assertThat(done.issued().count()).isEqualTo(200);
    assertThat(done.approval().approvedBy()).isEqualTo(APPROVER);
    assertThat(done.history())
        .extracting(StatusDocument.HistoryEntry::event)
        .containsSubsequence(
            "SCHEDULED", "APPROVAL_REQUESTED", "APPROVED", "STOCK_CREATED", "COMPLETED");
    assertThat(done.history())
        .filteredOn(h -> h.event().equals("APPROVED"))
        .singleElement()
        .satisfies(h -> assertThat(h.detail()).contains(APPROVER).contains("budget signed off"));
    assertThat(fake.calls.indexOf("SetCallback")).isNotNegative();
    RecordedHistories.keep(client, "approved", "approval-approved-then-completed.json");
  }

  @Test
  void aRejectedCampaignEndsRejectedWithoutAStock(
      TestWorkflowEnvironment env, WorkflowClient client, Worker worker) {
    CampaignWorkflow wf = start(client, worker, spec(env, "rejected"), BELOW_BUDGET);
    env.sleep(Duration.ofMinutes(5));

    StatusDocument rejected = wf.reject(new ApprovalRequest(APPROVER, "budget too high"));

    assertThat(rejected.status()).isEqualTo(CampaignPhase.REJECTED);
    assertThat(rejected.approval().decision()).isEqualTo(ApprovalDecision.REJECTED);
    assertThat(rejected.approval().rejectedBy()).isEqualTo(APPROVER);
    assertThat(rejected.approval().approvedBy()).isNull();
    StatusDocument done = CampaignCallbackConflictTest.result(client, "rejected");
    assertThat(done.status()).isEqualTo(CampaignPhase.REJECTED);
    assertThat(done.stockId()).isNull();
    assertThat(done.waves())
        .extracting(StatusDocument.Wave::status)
        .containsOnly(WavePhase.CANCELLED);
    assertThat(done.history())
        .filteredOn(h -> h.event().equals("REJECTED"))
        .singleElement()
        .satisfies(h -> assertThat(h.detail()).contains(APPROVER).contains("budget too high"));
    assertThat(fake.calls).isEmpty();
    RecordedHistories.keep(client, "rejected", "approval-rejected.json");
  }

  @Test
  void anUnapprovedCampaignExpiresAtItsActivationTime(
      TestWorkflowEnvironment env, WorkflowClient client, Worker worker) {
    CampaignWorkflow wf = start(client, worker, spec(env, "expired"), BELOW_BUDGET);
    env.sleep(Duration.ofMinutes(58));
    assertThat(wf.status().status()).isEqualTo(CampaignPhase.AWAITING_APPROVAL);

    env.sleep(Duration.ofMinutes(2));

    StatusDocument done = CampaignCallbackConflictTest.result(client, "expired");
    assertThat(done.status()).isEqualTo(CampaignPhase.EXPIRED);
    assertThat(done.approval().decision()).isEqualTo(ApprovalDecision.EXPIRED);
    assertThat(done.stockId()).isNull();
    assertThat(done.history())
        .filteredOn(h -> h.event().equals("EXPIRED"))
        .singleElement()
        .satisfies(
            h ->
                assertThat(h.detail())
                    .contains("not approved by its activation time")
                    .contains("no stock created"));
    assertThat(fake.calls).isEmpty();
    RecordedHistories.keep(client, "expired", "approval-expired-at-activation-time.json");
  }

  @Test
  void aCampaignAwaitingApprovalCanBeCancelled(
      TestWorkflowEnvironment env, WorkflowClient client, Worker worker) {
    CampaignWorkflow wf = start(client, worker, spec(env, "withdrawn"), BELOW_BUDGET);
    env.sleep(Duration.ofMinutes(5));

    StatusDocument cancelled = wf.cancelCampaign(new CancelRequest("wrong budget", STARTER));

    assertThat(cancelled.status()).isEqualTo(CampaignPhase.CANCELLED);
    assertThat(cancelled.approval().decision()).isEqualTo(ApprovalDecision.WITHDRAWN);
    assertThat(CampaignCallbackConflictTest.result(client, "withdrawn").status())
        .isEqualTo(CampaignPhase.CANCELLED);
    assertThat(fake.calls).isEmpty();
  }

  @Test
  void aBudgetAtOrBelowTheThresholdRunsAsWithoutApproval(
      TestWorkflowEnvironment env, WorkflowClient client, Worker worker) {
    CampaignWorkflow wf = start(client, worker, spec(env, "small"), 500_000L);
    env.sleep(Duration.ofMinutes(5));

    StatusDocument running = wf.status();
    assertThat(running.status()).isEqualTo(CampaignPhase.SCHEDULED);
    assertThat(running.approval().required()).isFalse();
    assertThat(running.approval().decision()).isEqualTo(ApprovalDecision.NOT_REQUIRED);
    assertThat(running.stockId()).isNotNull();
    refused(() -> wf.approve(new ApprovalRequest(APPROVER, null)), "not AWAITING_APPROVAL");
    StatusDocument done = CampaignCallbackConflictTest.result(client, "small");
    assertThat(done.status()).isEqualTo(CampaignPhase.COMPLETED);
    assertThat(done.history())
        .extracting(StatusDocument.HistoryEntry::event)
        .doesNotContain("APPROVAL_REQUESTED", "APPROVED");
  }

  @Test
  void withoutAThresholdTheStatusHasNoApproval(
      TestWorkflowEnvironment env, WorkflowClient client, Worker worker) {
    CampaignWorkflow wf = start(client, worker, spec(env, "off"), null);
    env.sleep(Duration.ofMinutes(5));

    assertThat(wf.status().approval()).isNull();
    assertThat(wf.status().stockId()).isNotNull();
  }

  private static void refused(ThrowingCallable update, String message) {
    assertThatThrownBy(update)
        .isInstanceOf(WorkflowUpdateException.class)
        .rootCause()
        .hasMessageContaining(message);
  }
}
