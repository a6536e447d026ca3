package com.campaigns.workflows.campaign;

import static org.assertj.core.api.Assertions.assertThat;

import com.campaigns.workflows.TemporalNames;
import com.campaigns.workflows.fixtures.CampaignSpecs;
import com.campaigns.workflows.fixtures.CampaignTestServer;
import com.campaigns.workflows.fixtures.FakeCampaignActivities;
import com.campaigns.workflows.fixtures.RecordedHistories;
import com.campaigns.workflows.model.AudienceSpec;
import com.campaigns.workflows.model.BudgetGuardSpec;
import com.campaigns.workflows.model.CampaignInput;
import com.campaigns.workflows.model.CampaignPhase;
import com.campaigns.workflows.model.CampaignSettings;
import com.campaigns.workflows.model.CampaignSpec;
import com.campaigns.workflows.model.CancelRequest;
import com.campaigns.workflows.model.FlowSpec;
import com.campaigns.workflows.model.PauseReason;
import com.campaigns.workflows.model.ResumeRequest;
import com.campaigns.workflows.model.StatusDocument;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.TestWorkflowExtension;
import io.temporal.worker.Worker;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The merchant's COUPON.USE callback is merchant-wide: a campaign leaves another system's URL alone
 * and pauses with CALLBACK_CONFLICT; ops resolve it (the merchant's configuration or its callback)
 * and resume, which checks again before the stock is created.
 */
@org.junit.jupiter.api.Timeout(120)
class CampaignCallbackConflictTest {

  static final String OURS = "https://campaigns.example.com/wechatpay/notifications/coupon";
  static final String THEIRS = "https://crm.example.com/wxpay/coupon/s3cret-token";

  static final FakeCampaignActivities fake = new FakeCampaignActivities();

  @RegisterExtension static final TestWorkflowExtension temporal = CampaignTestServer.with(fake);

  static CampaignSettings settings() {
    return new CampaignSettings(
        100, 2, Duration.ofMinutes(1), Duration.ofMinutes(30), 3_000, Duration.ofMinutes(30), OURS);
  }

  /** One wave of 200 an hour after the start, for a merchant of its own. */
  static CampaignSpec spec(TestWorkflowEnvironment env, String id, String mchid, Duration length) {
    Instant begin = Instant.ofEpochMilli(env.currentTimeMillis()).plus(Duration.ofHours(1));
    fake.audience(id + "-all", CampaignSpecs.openids(id + "-all-", 200));
    return new CampaignSpec(
        id,
        mchid,
        "wx0000000000000001",
        CampaignSpecs.stock(begin, begin.plus(length), 500, 1000),
        List.of(CampaignSpecs.wave("all", begin, AudienceSpec.ofId(id + "-all"), null)),
        new BudgetGuardSpec(List.of()),
        new FlowSpec(true, null));
  }

  static CampaignWorkflow start(WorkflowClient client, Worker worker, CampaignSpec spec) {
    CampaignWorkflow wf =
        client.newWorkflowStub(
            CampaignWorkflow.class,
            WorkflowOptions.newBuilder()
                .setTaskQueue(worker.getTaskQueue())
                .setWorkflowId(TemporalNames.workflowId(spec.campaignId()))
                .build());
    WorkflowClient.start(wf::run, new CampaignInput(spec, "hash", settings(), "test", null));
    return wf;
  }

  static StatusDocument result(WorkflowClient client, String campaignId) {
    return client
        .newUntypedWorkflowStub(TemporalNames.workflowId(campaignId))
        .getResult(StatusDocument.class);
  }

  @Test
  void anotherSystemsCallbackPausesTheCampaignUntilOpsResolveItAndResume(
      TestWorkflowEnvironment env, WorkflowClient client, Worker worker) {
    String mchid = "1900000021";
    fake.callbacks.put(mchid, THEIRS);
    CampaignWorkflow wf = start(client, worker, spec(env, "theirs", mchid, Duration.ofDays(1)));
    env.sleep(Duration.ofMinutes(5));

    StatusDocument paused = wf.status();
    assertThat(paused.status()).isEqualTo(CampaignPhase.PAUSED);
    assertThat(paused.pause().reason()).isEqualTo(PauseReason.CALLBACK_CONFLICT);
    assertThat(paused.pause().operator()).isEqualTo("callback-check");
    assertThat(paused.pause().detail()).contains("crm.example.com").doesNotContain("s3cret");
    assertThat(paused.stockId()).as("no stock before the callback is settled").isNull();
    assertThat(fake.callbacks).containsEntry(mchid, THEIRS);

    // A resume while the conflict stands checks again and stays paused, saying why.
    StatusDocument stillPaused = wf.resumeCampaign(new ResumeRequest("ops-eve"));
    assertThat(stillPaused.status()).isEqualTo(CampaignPhase.PAUSED);
    assertThat(stillPaused.pause().reason()).isEqualTo(PauseReason.CALLBACK_CONFLICT);
    assertThat(stillPaused.history())
        .extracting(StatusDocument.HistoryEntry::event)
        .containsSubsequence("PAUSED", "RESUME_FAILED");
    assertThat(fake.callbacks).containsEntry(mchid, THEIRS);

    // Ops give the callback to the product (callback-owned: true) and resume: the campaign goes on.
    fake.callbackOwned.add(mchid);
    StatusDocument resumed = wf.resumeCampaign(new ResumeRequest("ops-eve"));
    assertThat(resumed.status()).isNotEqualTo(CampaignPhase.PAUSED);
    assertThat(fake.callbacks).containsEntry(mchid, OURS);

    StatusDocument done = result(client, "theirs");
    assertThat(done.status()).isEqualTo(CampaignPhase.COMPLETED);
    assertThat(done.issued().count()).isEqualTo(200);
    assertThat(done.history())
        .extracting(StatusDocument.HistoryEntry::event)
        .containsSubsequence(
            "SCHEDULED",
            "PAUSED",
            "RESUME_FAILED",
            "RESUMED",
            "STOCK_CREATED",
            "ACTIVATED",
            "WAVE_DONE",
            "COMPLETED");
    assertThat(done.history())
        .filteredOn(h -> h.event().equals("RESUMED"))
        .singleElement()
        .satisfies(h -> assertThat(h.detail()).contains("CALLBACK_CONFLICT").contains("ops-eve"));
    // The CALLBACK_CONFLICT path goes into the replay corpus (workflows/README.md).
    RecordedHistories.keep(client, "theirs", "callback-conflict-resolved-and-resumed.json");
  }

  @Test
  void aCallbackAlreadyOursOrUnsetNeedsNoPause(
      TestWorkflowEnvironment env, WorkflowClient client, Worker worker) {
    fake.callbacks.put("1900000022", OURS);
    start(client, worker, spec(env, "ours", "1900000022", Duration.ofDays(1)));
    start(client, worker, spec(env, "unset", "1900000023", Duration.ofDays(1)));

    for (String id : List.of("ours", "unset")) {
      StatusDocument done = result(client, id);
      assertThat(done.status()).isEqualTo(CampaignPhase.COMPLETED);
      assertThat(done.history())
          .extracting(StatusDocument.HistoryEntry::event)
          .doesNotContain("PAUSED");
    }
    assertThat(fake.callbacks).containsEntry("1900000022", OURS).containsEntry("1900000023", OURS);
  }

  @Test
  void aConflictThatOutlastsTheStocksWindowWaitsForOpsAndCancels(
      TestWorkflowEnvironment env, WorkflowClient client, Worker worker) {
    String mchid = "1900000024";
    fake.callbacks.put(mchid, THEIRS);
    CampaignWorkflow wf = start(client, worker, spec(env, "late", mchid, Duration.ofMinutes(10)));
    // The window (an hour from now, ten minutes long) passes with no stock created.
    env.sleep(Duration.ofHours(3));
    StatusDocument paused = wf.status();
    assertThat(paused.status()).isEqualTo(CampaignPhase.PAUSED);
    assertThat(paused.pause().reason()).isEqualTo(PauseReason.CALLBACK_CONFLICT);

    StatusDocument cancelled = wf.cancelCampaign(new CancelRequest("window missed", "ops-eve"));
    assertThat(cancelled.status()).isEqualTo(CampaignPhase.CANCELLED);
    assertThat(cancelled.stockId()).isNull();
    assertThat(result(client, "late").status()).isEqualTo(CampaignPhase.CANCELLED);
  }
}
