package com.campaigns.workflows.campaign;

import static org.assertj.core.api.Assertions.assertThat;

import com.campaigns.workflows.TemporalNames;
import com.campaigns.workflows.fixtures.CampaignSpecs;
import com.campaigns.workflows.fixtures.CampaignTestServer;
import com.campaigns.workflows.fixtures.FakeCampaignActivities;
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
import com.campaigns.workflows.model.WavePhase;
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
 * A campaign whose merchant has no credentials on the workers (removed from the registry, or its
 * new files are invalid) pauses with MERCHANT_UNAVAILABLE instead of failing, asks the workers
 * every minute whether the merchant is back, and resumes by itself when it is.
 */
@org.junit.jupiter.api.Timeout(120)
class CampaignMerchantPauseTest {

  static final FakeCampaignActivities fake = new FakeCampaignActivities();

  @RegisterExtension static final TestWorkflowExtension temporal = CampaignTestServer.with(fake);

  static CampaignSettings settings() {
    return new CampaignSettings(
        100, 2, Duration.ofMinutes(1), Duration.ofMinutes(30), 3_000, Duration.ofMinutes(30), null);
  }

  /** Two waves a day apart, 150 + 350 recipients, for a merchant of its own. */
  static CampaignSpec spec(TestWorkflowEnvironment env, String id, String mchid) {
    Instant begin = Instant.ofEpochMilli(env.currentTimeMillis()).plus(Duration.ofHours(1));
    fake.audience(id + "-vip", CampaignSpecs.openids(id + "-vip-", 150));
    fake.audience(id + "-all", CampaignSpecs.openids(id + "-all-", 350));
    return new CampaignSpec(
        id,
        mchid,
        "wx0000000000000001",
        CampaignSpecs.stock(begin, begin.plus(Duration.ofDays(3)), 500, 1000),
        List.of(
            CampaignSpecs.wave("vip", begin, AudienceSpec.ofId(id + "-vip"), 200),
            CampaignSpecs.wave(
                "all", begin.plus(Duration.ofDays(1)), AudienceSpec.ofId(id + "-all"), null)),
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

  static long ledgerIssued(String campaignId) {
    return fake.ledger.entrySet().stream()
        .filter(e -> e.getKey().startsWith(campaignId + "/") && e.getValue().equals("ISSUED"))
        .count();
  }

  @Test
  void merchantRemovedMidWavePausesTheCampaignAndItResumesByItselfWhenTheMerchantIsBack(
      TestWorkflowEnvironment env, WorkflowClient client, Worker worker) {
    String mchid = "1900000011";
    CampaignSpec spec = spec(env, "gone", mchid);
    fake.removeMerchantAfterSends = 60;
    CampaignWorkflow wf = start(client, worker, spec);
    env.sleep(Duration.ofHours(2));

    StatusDocument paused = wf.status();
    assertThat(paused.status()).isEqualTo(CampaignPhase.PAUSED);
    assertThat(paused.pause().reason()).isEqualTo(PauseReason.MERCHANT_UNAVAILABLE);
    assertThat(paused.pause().detail()).contains("no credentials configured for merchant " + mchid);
    assertThat(paused.pause().operator()).isEqualTo("merchant-registry");
    assertThat(paused.waves().get(0).status()).isEqualTo(WavePhase.PAUSED);
    assertThat(paused.issued().count()).isEqualTo(ledgerIssued("gone")).isBetween(60L, 149L);
    // Without credentials the stock cannot be paused at WeChat Pay: it is left as it is.
    assertThat(paused.stockStatus()).isEqualTo("running");

    env.sleep(Duration.ofMinutes(10));
    assertThat(wf.status().status())
        .as("no resume while the merchant is missing")
        .isEqualTo(CampaignPhase.PAUSED);
    assertThat(fake.calls).contains("CheckMerchant");

    fake.unknownMerchants.remove(mchid);
    env.sleep(Duration.ofMinutes(2));
    assertThat(wf.status().status())
        .as("resumed within a minute of the merchant's return")
        .isEqualTo(CampaignPhase.RUNNING);
    StatusDocument done = result(client, "gone");
    assertThat(done.status()).isEqualTo(CampaignPhase.COMPLETED);
    assertThat(done.issued().count()).isEqualTo(500);
    assertThat(ledgerIssued("gone")).isEqualTo(500);
    assertThat(done.history())
        .extracting(StatusDocument.HistoryEntry::event)
        .containsSubsequence(
            "WAVE_STARTED", "PAUSED", "RESUMED", "WAVE_RESUMED", "WAVE_DONE", "COMPLETED");
    assertThat(done.history())
        .filteredOn(h -> h.event().equals("RESUMED"))
        .first()
        .satisfies(
            h ->
                assertThat(h.detail())
                    .contains("MERCHANT_UNAVAILABLE")
                    .contains("merchant-registry"));
  }

  @Test
  void merchantMissingBeforeTheStockIsCreatedPausesThenCreatesItWhenTheMerchantArrives(
      TestWorkflowEnvironment env, WorkflowClient client, Worker worker) {
    String mchid = "1900000012";
    fake.unknownMerchants.add(mchid);
    CampaignWorkflow wf = start(client, worker, spec(env, "early", mchid));
    env.sleep(Duration.ofMinutes(5));

    StatusDocument paused = wf.status();
    assertThat(paused.status()).isEqualTo(CampaignPhase.PAUSED);
    assertThat(paused.pause().reason()).isEqualTo(PauseReason.MERCHANT_UNAVAILABLE);
    assertThat(paused.stockId()).isNull();

    fake.unknownMerchants.remove(mchid);
    StatusDocument done = result(client, "early");
    assertThat(done.status()).isEqualTo(CampaignPhase.COMPLETED);
    assertThat(done.issued().count()).isEqualTo(500);
  }

  @Test
  void resumeWhileTheMerchantIsStillMissingPausesAgainAndCancelLeavesTheStockAsItIs(
      TestWorkflowEnvironment env, WorkflowClient client, Worker worker) {
    String mchid = "1900000013";
    CampaignSpec spec = spec(env, "stillgone", mchid);
    CampaignWorkflow wf = start(client, worker, spec);
    env.sleep(Duration.ofHours(2));
    assertThat(wf.status().waves().get(0).status()).isEqualTo(WavePhase.DONE);
    fake.unknownMerchants.add(mchid);
    // The second wave starts a day after the first: its first call meets the missing merchant.
    env.sleep(Duration.ofHours(23).plusMinutes(10));
    StatusDocument paused = wf.status();
    assertThat(paused.status()).isEqualTo(CampaignPhase.PAUSED);
    assertThat(paused.pause().reason()).isEqualTo(PauseReason.MERCHANT_UNAVAILABLE);

    wf.resumeCampaign(new ResumeRequest("ops-dan"));
    env.sleep(Duration.ofSeconds(30));
    StatusDocument again = wf.status();
    assertThat(again.status()).isEqualTo(CampaignPhase.PAUSED);
    assertThat(again.pause().reason()).isEqualTo(PauseReason.MERCHANT_UNAVAILABLE);

    StatusDocument cancelled =
        wf.cancelCampaign(new CancelRequest("merchant left the agency", "ops-dan"));
    assertThat(cancelled.status()).isEqualTo(CampaignPhase.CANCELLED);
    assertThat(cancelled.stockStatus()).isEqualTo("running");
    assertThat(cancelled.history())
        .extracting(StatusDocument.HistoryEntry::event)
        .containsSubsequence("PAUSED", "RESUMED", "PAUSED", "STOCK_NOT_PAUSED", "CANCELLED");
  }

  @Test
  void merchantMissingWhenTheFlowsAreDueHoldsTheDownloadUntilItIsBack(
      TestWorkflowEnvironment env, WorkflowClient client, Worker worker) {
    String mchid = "1900000014";
    CampaignWorkflow wf = start(client, worker, spec(env, "flows", mchid));
    env.sleep(Duration.ofDays(1).plusHours(3));
    assertThat(wf.status().waves())
        .extracting(StatusDocument.Wave::status)
        .containsOnly(WavePhase.DONE);
    fake.unknownMerchants.add(mchid);
    env.sleep(Duration.ofDays(4));
    StatusDocument paused = wf.status();
    assertThat(paused.status()).isEqualTo(CampaignPhase.PAUSED);
    assertThat(paused.pause().reason()).isEqualTo(PauseReason.MERCHANT_UNAVAILABLE);
    assertThat(paused.reconciliation()).isNull();

    fake.unknownMerchants.remove(mchid);
    StatusDocument done = result(client, "flows");
    assertThat(done.status()).isEqualTo(CampaignPhase.COMPLETED);
    assertThat(done.reconciliation().balanced()).isTrue();
    assertThat(done.history())
        .extracting(StatusDocument.HistoryEntry::event)
        .containsSubsequence(
            "ENDED", "PAUSED", "RESUMED", "USE_FLOW_DOWNLOADED", "RECONCILED", "COMPLETED");
  }
}
