package com.campaigns.workflows.campaign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
import com.campaigns.workflows.model.IssueRequest;
import com.campaigns.workflows.model.PauseReason;
import com.campaigns.workflows.model.PauseRequest;
import com.campaigns.workflows.model.RescheduleRequest;
import com.campaigns.workflows.model.ResumeRequest;
import com.campaigns.workflows.model.StatusDocument;
import com.campaigns.workflows.model.StatusRecord;
import com.campaigns.workflows.model.ThresholdSpec;
import com.campaigns.workflows.model.UsageReport;
import com.campaigns.workflows.model.WavePhase;
import com.campaigns.workflows.model.WaveSpec;
import com.campaigns.workflows.rules.ShanghaiTime;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.client.WorkflowUpdateException;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.TestWorkflowExtension;
import io.temporal.worker.Worker;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The workflow's decisions with scripted fake activities on the time-skipping test server. */
@org.junit.jupiter.api.Timeout(120)
class CampaignWorkflowTest {

  static final FakeCampaignActivities fake = new FakeCampaignActivities();

  @RegisterExtension static final TestWorkflowExtension temporal = CampaignTestServer.with(fake);

  static CampaignSettings settings() {
    return new CampaignSettings(
        100, 2, Duration.ofMinutes(1), Duration.ofMinutes(30), 3_000, Duration.ofMinutes(30), null);
  }

  static CampaignSpec spec(TestWorkflowEnvironment env, String id, List<ThresholdSpec> thresholds) {
    Instant now = Instant.ofEpochMilli(env.currentTimeMillis());
    Instant begin = now.plus(Duration.ofHours(1));
    fake.audience(id + "-vip", CampaignSpecs.openids(id + "-vip-", 150));
    fake.audience(id + "-all", CampaignSpecs.openids(id + "-all-", 350));
    return new CampaignSpec(
        id,
        "1900000001",
        "wx0000000000000001",
        CampaignSpecs.stock(begin, begin.plus(Duration.ofDays(3)), 500, 1000),
        List.of(
            CampaignSpecs.wave("vip", begin, AudienceSpec.ofId(id + "-vip"), 200),
            CampaignSpecs.wave(
                "all", begin.plus(Duration.ofDays(1)), AudienceSpec.ofId(id + "-all"), null)),
        new BudgetGuardSpec(thresholds),
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
  void runsTheWholeLifecycleAndIssuesEveryRecipientOnce(
      TestWorkflowEnvironment env, WorkflowClient client, Worker worker) {
    CampaignSpec spec = spec(env, "life", List.of());
    start(client, worker, spec);
    StatusDocument done = result(client, "life");

    assertThat(done.status()).isEqualTo(CampaignPhase.COMPLETED);
    assertThat(done.issued().count()).isEqualTo(500);
    assertThat(done.issued().amount()).isEqualTo(250_000);
    assertThat(done.waves()).extracting(StatusDocument.Wave::status).containsOnly(WavePhase.DONE);
    assertThat(done.reconciliation().balanced()).isTrue();
    assertThat(done.history())
        .extracting(StatusDocument.HistoryEntry::event)
        .containsSubsequence(
            "SCHEDULED",
            "STOCK_CREATED",
            "ACTIVATED",
            "WAVE_STARTED",
            "WAVE_DONE",
            "WAVE_STARTED",
            "WAVE_DONE",
            "ENDED",
            "USE_FLOW_DOWNLOADED",
            "REFUND_FLOW_DOWNLOADED",
            "RECONCILED",
            "COMPLETED");
    assertThat(fake.calls)
        .containsSubsequence(
            "CreateStock", "ActivateStock", "IssueCoupons", "DownloadUseFlow", "Reconcile");
    assertThat(fake.ledger.keySet().stream().filter(k -> k.startsWith("life/")).count())
        .isEqualTo(500);
  }

  @Test
  void aStockThatEndsMidWaveCancelsTheUnfinishedWaveAndCompletes(
      TestWorkflowEnvironment env, WorkflowClient client, Worker worker) {
    Instant begin = Instant.ofEpochMilli(env.currentTimeMillis()).plus(Duration.ofMinutes(5));
    fake.audience("ends-all", CampaignSpecs.openids("ends-all-", 400));
    CampaignSpec spec =
        new CampaignSpec(
            "ends",
            "1900000001",
            "wx0000000000000001",
            CampaignSpecs.stock(begin, begin.plus(Duration.ofSeconds(2)), 500, 1000),
            List.of(CampaignSpecs.wave("all", begin, AudienceSpec.ofId("ends-all"), null)),
            new BudgetGuardSpec(List.of()),
            new FlowSpec(true, null));
    // 400 sends of 20 ms, two segments at a time: the 2 s stock ends in the middle of the wave.
    fake.sendMillis = 20;
    StatusDocument done;
    try {
      start(client, worker, spec);
      done = result(client, "ends");
    } finally {
      fake.sendMillis = 0;
    }

    assertThat(done.status()).isEqualTo(CampaignPhase.COMPLETED);
    assertThat(done.waves())
        .extracting(StatusDocument.Wave::status)
        .containsExactly(WavePhase.CANCELLED);
    assertThat(done.issued().count()).isBetween(1L, 399L);
    assertThat(done.history())
        .extracting(StatusDocument.HistoryEntry::event)
        .containsSubsequence("WAVE_STARTED", "WAVE_CANCELLED", "ENDED", "RECONCILED", "COMPLETED");
    // The path this fix opened goes into the replay corpus (workflows/README.md).
    RecordedHistories.keep(client, "ends", "stock-ends-mid-wave.json");
  }

  @Test
  void segmentsLaunchedTogetherIntoAnIdleWaveStartStaggered(
      TestWorkflowEnvironment env, WorkflowClient client, Worker worker) {
    CampaignSpec spec = spec(env, "stagger", List.of());
    start(client, worker, spec);
    assertThat(result(client, "stagger").status()).isEqualTo(CampaignPhase.COMPLETED);

    // Parallelism 2: the second segment of the first round waits half a segment's time; a segment
    // launched while another still runs (or in later rounds) starts at once or half a segment late.
    for (int wave = 0; wave < 2; wave++) {
      int w = wave;
      List<IssueRequest> requests =
          fake.issueRequests.stream()
              .filter(r -> r.campaignId().equals("stagger") && r.waveIndex() == w)
              .sorted(java.util.Comparator.comparingLong(IssueRequest::fromSeq))
              .toList();
      assertThat(requests).hasSizeGreaterThanOrEqualTo(2);
      assertThat(requests.get(0).startStagger()).isZero();
      assertThat(requests.get(1).startStagger()).isEqualTo(0.5);
      assertThat(requests).extracting(IssueRequest::startStagger).allMatch(s -> s == 0 || s == 0.5);
    }
  }

  @Test
  void pausesAtTheIssuedThresholdExactlyAndResumesOnUpdate(
      TestWorkflowEnvironment env, WorkflowClient client, Worker worker) {
    // 40% of a 500000 fen budget = 200000 fen = 400 coupons of 500 fen.
    CampaignSpec spec =
        spec(
            env,
            "thr",
            List.of(
                new ThresholdSpec(
                    ThresholdSpec.ISSUED_AMOUNT, 40.0, ThresholdSpec.RESUME_MANUAL, null)));
    CampaignWorkflow wf = start(client, worker, spec);
    env.sleep(Duration.ofDays(1).plusHours(2));
    StatusDocument paused = wf.status();
    assertThat(paused.status()).isEqualTo(CampaignPhase.PAUSED);
    assertThat(paused.pause().reason()).isEqualTo(PauseReason.BUDGET_THRESHOLD);
    assertThat(paused.pause().detail()).contains("issued_amount reached 40%");
    assertThat(paused.issued().count()).isEqualTo(400);
    assertThat(paused.stockStatus()).isEqualTo("paused");

    StatusDocument resumed = wf.resumeCampaign(new ResumeRequest("ops-alice"));
    assertThat(resumed.status()).isEqualTo(CampaignPhase.RUNNING);
    StatusDocument done = result(client, "thr");
    assertThat(done.status()).isEqualTo(CampaignPhase.COMPLETED);
    assertThat(done.issued().count()).isEqualTo(500);
    assertThat(done.history())
        .extracting(StatusDocument.HistoryEntry::event)
        .containsSubsequence("THRESHOLD_REACHED", "PAUSED", "RESUMED");
  }

  @Test
  void thresholdWithNextDayResumeRestartsAtShanghaiMidnight(
      TestWorkflowEnvironment env, WorkflowClient client, Worker worker) {
    CampaignSpec spec =
        spec(
            env,
            "nextday",
            List.of(
                new ThresholdSpec(
                    ThresholdSpec.ISSUED_AMOUNT, 10.0, ThresholdSpec.RESUME_NEXT_DAY, null)));
    start(client, worker, spec);
    StatusDocument done = result(client, "nextday");
    assertThat(done.status()).isEqualTo(CampaignPhase.COMPLETED);
    assertThat(done.issued().count()).isEqualTo(500);
    StatusDocument.HistoryEntry resumed =
        done.history().stream().filter(h -> h.event().equals("RESUMED")).findFirst().orElseThrow();
    assertThat(resumed.at()).contains("T00:00:00");
    assertThat(resumed.at()).endsWith("+08:00");
  }

  @Test
  void usedAmountThresholdFromUsageSignalPausesTheStock(
      TestWorkflowEnvironment env, WorkflowClient client, Worker worker) {
    CampaignSpec spec =
        spec(
            env,
            "used",
            List.of(
                new ThresholdSpec(
                    ThresholdSpec.USED_AMOUNT, 10.0, ThresholdSpec.RESUME_MANUAL, null)));
    CampaignWorkflow wf = start(client, worker, spec);
    env.sleep(Duration.ofHours(2));
    assertThat(wf.status().status()).isEqualTo(CampaignPhase.RUNNING);
    wf.usage(new UsageReport(100, 50_000));
    env.sleep(Duration.ofSeconds(5));
    StatusDocument paused = wf.status();
    assertThat(paused.status()).isEqualTo(CampaignPhase.PAUSED);
    assertThat(paused.pause().detail()).contains("used_amount reached 10%");
    assertThat(paused.used().amount()).isEqualTo(50_000);
    wf.resume(new ResumeRequest("ops"));
    assertThat(result(client, "used").status()).isEqualTo(CampaignPhase.COMPLETED);
  }

  @Test
  void manualPauseSignalHoldsTheCampaignUntilResumeSignal(
      TestWorkflowEnvironment env, WorkflowClient client, Worker worker) {
    CampaignSpec spec = spec(env, "manual", List.of());
    CampaignWorkflow wf = start(client, worker, spec);
    env.sleep(Duration.ofHours(2));
    wf.pause(new PauseRequest("marketing review", "ops-bob"));
    env.sleep(Duration.ofDays(2));
    StatusDocument paused = wf.status();
    assertThat(paused.status()).isEqualTo(CampaignPhase.PAUSED);
    assertThat(paused.pause().reason()).isEqualTo(PauseReason.MANUAL);
    assertThat(paused.pause().operator()).isEqualTo("ops-bob");
    assertThat(paused.waves().get(1).status()).isEqualTo(WavePhase.PENDING);
    wf.resume(new ResumeRequest("ops-bob"));
    StatusDocument done = result(client, "manual");
    assertThat(done.status()).isEqualTo(CampaignPhase.COMPLETED);
    assertThat(done.issued().count()).isEqualTo(500);
  }

  @Test
  void pauseUpdateAnswersOncePausedAndRejectsASecondPause(
      TestWorkflowEnvironment env, WorkflowClient client, Worker worker) {
    CampaignSpec spec = spec(env, "upd", List.of());
    CampaignWorkflow wf = start(client, worker, spec);
    env.sleep(Duration.ofHours(2));
    StatusDocument paused = wf.pauseCampaign(new PauseRequest("hold", "api"));
    assertThat(paused.status()).isEqualTo(CampaignPhase.PAUSED);
    assertThat(paused.stockStatus()).isEqualTo("paused");
    assertThatThrownBy(() -> wf.pauseCampaign(new PauseRequest("again", "api")))
        .isInstanceOf(WorkflowUpdateException.class);
    StatusDocument resumed = wf.resumeCampaign(new ResumeRequest("api"));
    assertThat(resumed.status()).isEqualTo(CampaignPhase.RUNNING);
    assertThat(resumed.stockStatus()).isEqualTo("running");
    assertThatThrownBy(() -> wf.resumeCampaign(new ResumeRequest("api")))
        .isInstanceOf(WorkflowUpdateException.class);
    assertThat(result(client, "upd").status()).isEqualTo(CampaignPhase.COMPLETED);
  }

  @Test
  void cancelPausesTheStockAndEndsCancelled(
      TestWorkflowEnvironment env, WorkflowClient client, Worker worker) {
    CampaignSpec spec = spec(env, "cancel", List.of());
    CampaignWorkflow wf = start(client, worker, spec);
    env.sleep(Duration.ofHours(2));
    StatusDocument cancelled = wf.cancelCampaign(new CancelRequest("budget cut", "marketer"));
    assertThat(cancelled.status()).isEqualTo(CampaignPhase.CANCELLED);
    assertThat(cancelled.stockStatus()).isEqualTo("paused");
    assertThat(cancelled.waves().get(1).status()).isEqualTo(WavePhase.CANCELLED);
    assertThat(result(client, "cancel").status()).isEqualTo(CampaignPhase.CANCELLED);
  }

  @Test
  void rescheduledWaveStartsAtItsNewTime(
      TestWorkflowEnvironment env, WorkflowClient client, Worker worker) {
    CampaignSpec spec = spec(env, "resched", List.of());
    CampaignWorkflow wf = start(client, worker, spec);
    env.sleep(Duration.ofHours(2));
    Instant newStart = Instant.ofEpochMilli(env.currentTimeMillis()).plus(Duration.ofHours(30));
    StatusDocument doc =
        wf.rescheduleWave(new RescheduleRequest("all", ShanghaiTime.rfc3339(newStart), "ops"));
    assertThat(doc.waves().get(1).startAt()).isEqualTo(ShanghaiTime.rfc3339(newStart));
    env.sleep(Duration.ofHours(23));
    assertThat(wf.status().waves().get(1).status()).isEqualTo(WavePhase.PENDING);
    env.sleep(Duration.ofHours(8));
    assertThat(wf.status().waves().get(1).status()).isEqualTo(WavePhase.DONE);
    assertThatThrownBy(
            () ->
                wf.rescheduleWave(
                    new RescheduleRequest("vip", ShanghaiTime.rfc3339(newStart), "ops")))
        .isInstanceOf(WorkflowUpdateException.class);
    assertThat(result(client, "resched").status()).isEqualTo(CampaignPhase.COMPLETED);
  }

  @Test
  void rejectedRecipientsAreCountedByCodeAndNeverRetried(
      TestWorkflowEnvironment env, WorkflowClient client, Worker worker) {
    CampaignSpec spec = spec(env, "rej", List.of());
    fake.audience("rej-vip", List.of("ok-1", "reject-1", "ok-2", "reject-2"));
    start(client, worker, spec);
    StatusDocument done = result(client, "rej");
    assertThat(done.rejected().count()).isEqualTo(2);
    assertThat(done.rejected().byCode()).containsEntry("RULE_LIMIT", 2L);
    assertThat(done.waves().get(0).issued()).isEqualTo(2);
    assertThat(done.waves().get(0).rejected()).isEqualTo(2);
  }

  @Test
  void stockExhaustedPausesWithTheWechatCode(
      TestWorkflowEnvironment env, WorkflowClient client, Worker worker) {
    CampaignSpec base = spec(env, "exhaust", List.of());
    CampaignSpec spec =
        new CampaignSpec(
            base.campaignId(),
            base.mchid(),
            base.appid(),
            CampaignSpecs.stock(
                ShanghaiTime.parse(base.stock().availableBeginTime()).orElseThrow(),
                ShanghaiTime.parse(base.stock().availableEndTime()).orElseThrow(),
                500,
                120),
            base.waves(),
            base.budgetGuard(),
            base.flows());
    CampaignWorkflow wf = start(client, worker, spec);
    env.sleep(Duration.ofHours(3));
    StatusDocument paused = wf.status();
    assertThat(paused.status()).isEqualTo(CampaignPhase.PAUSED);
    assertThat(paused.pause().reason()).isEqualTo(PauseReason.WECHAT_ERROR);
    assertThat(paused.pause().detail()).startsWith("NOT_ENOUGH");
    assertThat(paused.issued().count()).isEqualTo(120);
    wf.cancelCampaign(new CancelRequest("exhausted", "ops"));
  }

  @Test
  void stockPausedOutsideTheProductIsDetectedByTheStockCheck(
      TestWorkflowEnvironment env, WorkflowClient client, Worker worker) {
    CampaignSpec spec = spec(env, "outside", List.of());
    CampaignWorkflow wf = start(client, worker, spec);
    env.sleep(Duration.ofHours(2));
    String stockId = wf.status().stockId();
    fake.stockStatus.put(stockId, "paused");
    env.sleep(Duration.ofHours(1));
    StatusDocument paused = wf.status();
    assertThat(paused.status()).isEqualTo(CampaignPhase.PAUSED);
    assertThat(paused.pause().reason()).isEqualTo(PauseReason.STOCK_STATE);
    wf.resume(new ResumeRequest("ops"));
    env.sleep(Duration.ofSeconds(10));
    assertThat(fake.stockStatus.get(stockId)).isEqualTo("running");
    assertThat(result(client, "outside").status()).isEqualTo(CampaignPhase.COMPLETED);
  }

  @Test
  void missingAudienceFailsTheCampaignWithAClearReason(
      TestWorkflowEnvironment env, WorkflowClient client, Worker worker) {
    CampaignSpec base = spec(env, "noaud", List.of());
    CampaignSpec spec =
        base.withWaves(
            List.of(
                new WaveSpec(
                    "vip",
                    base.waves().get(0).startAt(),
                    AudienceSpec.ofId("does-not-exist"),
                    null)));
    start(client, worker, spec);
    WorkflowStub stub = client.newUntypedWorkflowStub(TemporalNames.workflowId("noaud"));
    assertThatThrownBy(() -> stub.getResult(StatusDocument.class))
        .isInstanceOf(WorkflowFailedException.class);
    StatusDocument failed = stub.query(TemporalNames.QUERY_STATUS, StatusDocument.class);
    assertThat(failed.status()).isEqualTo(CampaignPhase.FAILED);
    assertThat(failed.failure().type()).isEqualTo("AUDIENCE_NOT_FOUND");
  }

  @Test
  void invalidSpecFailsBeforeAnyWechatCall(
      TestWorkflowEnvironment env, WorkflowClient client, Worker worker) {
    CampaignSpec base = spec(env, "invalid", List.of());
    CampaignSpec spec =
        base.withWaves(
            List.of(base.waves().get(0).withAudience(new AudienceSpec(List.of("o1"), null))));
    int before = fake.calls.size();
    start(client, worker, spec);
    WorkflowStub stub = client.newUntypedWorkflowStub(TemporalNames.workflowId("invalid"));
    assertThatThrownBy(() -> stub.getResult(StatusDocument.class))
        .isInstanceOf(WorkflowFailedException.class);
    assertThat(fake.calls.subList(before, fake.calls.size())).doesNotContain("CreateStock");
    assertThat(stub.query(TemporalNames.QUERY_STATUS, StatusDocument.class).failure().type())
        .isEqualTo("INVALID_SPEC");
  }

  @Test
  void aRefusedIndexWriteIsRecordedOnceAndRepairedByTheNextWrite(
      TestWorkflowEnvironment env, WorkflowClient client, Worker worker) {
    fake.indexDown.add("idx");
    CampaignWorkflow wf = start(client, worker, spec(env, "idx", List.of()));
    env.sleep(Duration.ofMinutes(10));
    assertThat(wf.status().history())
        .extracting(StatusDocument.HistoryEntry::event)
        .containsOnlyOnce("INDEX_BEHIND");
    assertThat(fake.statusRecords).noneMatch(r -> r.campaignId().equals("idx"));

    fake.indexDown.remove("idx");
    StatusDocument done = result(client, "idx");
    assertThat(done.status()).isEqualTo(CampaignPhase.COMPLETED);
    assertThat(done.history())
        .extracting(StatusDocument.HistoryEntry::event)
        .containsOnlyOnce("INDEX_BEHIND");
    List<StatusRecord> records =
        fake.statusRecords.stream().filter(r -> r.campaignId().equals("idx")).toList();
    assertThat(records).isNotEmpty();
    assertThat(records.get(records.size() - 1).status()).isEqualTo(CampaignPhase.COMPLETED);
    assertThat(records.get(records.size() - 1).issuedCount()).isEqualTo(500);
  }
}
