package com.campaigns.workflows.campaign;

import static org.assertj.core.api.Assertions.assertThat;

import com.campaigns.workflows.fixtures.CampaignSpecs;
import com.campaigns.workflows.fixtures.CampaignTestServer;
import com.campaigns.workflows.fixtures.FakeCampaignActivities;
import com.campaigns.workflows.fixtures.RecordedHistories;
import com.campaigns.workflows.model.CampaignPhase;
import com.campaigns.workflows.model.CampaignSpec;
import com.campaigns.workflows.model.CancelRequest;
import com.campaigns.workflows.model.PauseReason;
import com.campaigns.workflows.model.ResumeRequest;
import com.campaigns.workflows.model.StatusDocument;
import io.temporal.client.WorkflowClient;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.TestWorkflowExtension;
import io.temporal.worker.Worker;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A pre-funded stock's budget is locked from the merchant's balance at activation: when WeChat Pay
 * refuses that, the campaign pauses with INSUFFICIENT_FUNDS (the stock stays unactivated, nothing
 * is locked); a resume activates again, and goes on only once the balance covers the budget.
 */
@org.junit.jupiter.api.Timeout(120)
class CampaignInsufficientFundsTest {

  static final FakeCampaignActivities fake = new FakeCampaignActivities();

  @RegisterExtension static final TestWorkflowExtension temporal = CampaignTestServer.with(fake);

  /** The callback test's campaign, its audience kept by this class's fake. */
  static CampaignSpec spec(TestWorkflowEnvironment env, String id, String mchid, Duration length) {
    CampaignSpec spec = CampaignCallbackConflictTest.spec(env, id, mchid, length);
    fake.audience(id + "-all", CampaignSpecs.openids(id + "-all-", 200));
    return spec;
  }

  @Test
  void aRefusedActivationPausesUntilTheBalanceIsToppedUpAndOpsResume(
      TestWorkflowEnvironment env, WorkflowClient client, Worker worker) {
    String mchid = "1900000031";
    fake.fundsShort.add(mchid);
    CampaignWorkflow wf =
        CampaignCallbackConflictTest.start(
            client, worker, spec(env, "short", mchid, Duration.ofDays(1)));
    env.sleep(Duration.ofHours(2));

    StatusDocument paused = wf.status();
    assertThat(paused.status()).isEqualTo(CampaignPhase.PAUSED);
    assertThat(paused.pause().reason()).isEqualTo(PauseReason.INSUFFICIENT_FUNDS);
    assertThat(paused.pause().operator()).isEqualTo("activation");
    assertThat(paused.pause().detail()).contains("NOT_ENOUGH");
    assertThat(paused.stockId()).isNotNull();
    assertThat(paused.stockStatus()).isEqualTo("unactivated");
    assertThat(paused.issued().count()).isZero();
    assertThat(fake.calls).as("an unactivated stock is not paused").doesNotContain("PauseStock");

    // A resume while the balance is still short activates again and stays paused, saying why.
    StatusDocument stillPaused = wf.resumeCampaign(new ResumeRequest("ops-eve"));
    assertThat(stillPaused.status()).isEqualTo(CampaignPhase.PAUSED);
    assertThat(stillPaused.pause().reason()).isEqualTo(PauseReason.INSUFFICIENT_FUNDS);
    assertThat(stillPaused.history())
        .filteredOn(h -> h.event().equals("RESUME_FAILED"))
        .singleElement()
        .satisfies(
            h -> assertThat(h.detail()).contains("activation of stock").contains("NOT_ENOUGH"));

    // The merchant tops up its balance; the next resume activates and the waves run.
    fake.fundsShort.remove(mchid);
    StatusDocument resumed = wf.resumeCampaign(new ResumeRequest("ops-eve"));
    assertThat(resumed.status()).isEqualTo(CampaignPhase.RUNNING);
    assertThat(resumed.stockStatus()).isEqualTo("running");

    StatusDocument done = CampaignCallbackConflictTest.result(client, "short");
    assertThat(done.status()).isEqualTo(CampaignPhase.COMPLETED);
    assertThat(done.issued().count()).isEqualTo(200);
    assertThat(done.history())
        .extracting(StatusDocument.HistoryEntry::event)
        .containsSubsequence(
            "STOCK_CREATED",
            "PAUSED",
            "RESUME_FAILED",
            "ACTIVATED",
            "RESUMED",
            "WAVE_DONE",
            "COMPLETED");
    assertThat(done.history())
        .filteredOn(h -> h.event().equals("RESUMED"))
        .singleElement()
        .satisfies(h -> assertThat(h.detail()).contains("INSUFFICIENT_FUNDS").contains("ops-eve"));
    RecordedHistories.keep(client, "short", "insufficient-funds-topped-up-and-resumed.json");
  }

  @Test
  void aCampaignCancelledWhileShortLeavesItsStockUnactivated(
      TestWorkflowEnvironment env, WorkflowClient client, Worker worker) {
    String mchid = "1900000032";
    fake.fundsShort.add(mchid);
    CampaignWorkflow wf =
        CampaignCallbackConflictTest.start(
            client, worker, spec(env, "given-up", mchid, Duration.ofDays(1)));
    env.sleep(Duration.ofHours(2));
    assertThat(wf.status().pause().reason()).isEqualTo(PauseReason.INSUFFICIENT_FUNDS);

    StatusDocument cancelled =
        wf.cancelCampaign(new CancelRequest("budget not approved", "ops-eve"));
    assertThat(cancelled.status()).isEqualTo(CampaignPhase.CANCELLED);
    assertThat(cancelled.stockStatus()).isEqualTo("unactivated");
    assertThat(fake.stockStatus).containsEntry(cancelled.stockId(), "unactivated");
  }

  @Test
  void aStockWhoseWindowEndsWhileShortEndsUnactivatedWithNothingIssued(
      TestWorkflowEnvironment env, WorkflowClient client, Worker worker) {
    String mchid = "1900000033";
    fake.fundsShort.add(mchid);
    CampaignCallbackConflictTest.start(
        client, worker, spec(env, "missed", mchid, Duration.ofMinutes(30)));
    env.sleep(Duration.ofHours(3));

    StatusDocument done = CampaignCallbackConflictTest.result(client, "missed");
    assertThat(done.status()).isEqualTo(CampaignPhase.COMPLETED);
    assertThat(done.issued().count()).isZero();
    assertThat(done.history())
        .extracting(StatusDocument.HistoryEntry::event)
        .containsSubsequence("STOCK_CREATED", "PAUSED", "ENDED", "COMPLETED")
        .doesNotContain("ACTIVATED");
  }
}
