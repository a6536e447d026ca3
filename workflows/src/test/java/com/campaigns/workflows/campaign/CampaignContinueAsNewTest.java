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
import com.campaigns.workflows.model.FlowSpec;
import com.campaigns.workflows.model.PauseRequest;
import com.campaigns.workflows.model.RescheduleRequest;
import com.campaigns.workflows.model.ResumeRequest;
import com.campaigns.workflows.model.StatusDocument;
import com.campaigns.workflows.model.ThresholdSpec;
import com.campaigns.workflows.model.UsageReport;
import com.campaigns.workflows.model.WavePhase;
import com.campaigns.workflows.model.WaveSpec;
import com.campaigns.workflows.rules.ShanghaiTime;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.TestWorkflowExtension;
import io.temporal.worker.Worker;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A campaign of weeks with the production settings (a stock check every 10 minutes, continue-as-new
 * past 3 000 events, segments of 5 000): it continues as new again and again while its waves run,
 * with pauses, resumes, redemptions and a reschedule arriving right before and right after each
 * boundary, and loses nothing on the way.
 */
@Timeout(900)
class CampaignContinueAsNewTest {

  static final FakeCampaignActivities fake = new FakeCampaignActivities();
  static final String ID = "weeks";
  static final int RECIPIENTS_PER_WAVE = 12_000;
  static final int WAVES = 4;

  /** A run may pass max_run_events by what happens between two safe points; this much at most. */
  static final int RUN_EVENTS_BOUND = 3_300;

  @RegisterExtension static final TestWorkflowExtension temporal = CampaignTestServer.with(fake);

  /** A 32-day stock with a wave every week and a threshold that pauses until the next day. */
  static CampaignSpec spec(Instant now) {
    Instant begin = now.plus(Duration.ofHours(1));
    List<WaveSpec> waves = new ArrayList<>();
    for (int w = 0; w < WAVES; w++) {
      String audience = ID + "-" + w;
      fake.audience(audience, CampaignSpecs.openids(audience + "-", RECIPIENTS_PER_WAVE));
      waves.add(
          CampaignSpecs.wave(
              "w" + w, begin.plus(Duration.ofDays(2 + 7L * w)), AudienceSpec.ofId(audience), null));
    }
    return new CampaignSpec(
        ID,
        "1900000001",
        "wx0000000000000001",
        CampaignSpecs.stock(begin, begin.plus(Duration.ofDays(32)), 500, 60_000),
        waves,
        new BudgetGuardSpec(
            List.of(
                new ThresholdSpec(
                    ThresholdSpec.ISSUED_AMOUNT, 50.0, ThresholdSpec.RESUME_NEXT_DAY, null))),
        new FlowSpec(true, null));
  }

  @Test
  void aCampaignOfWeeksContinuesAsNewAcrossWavesPausesAndSignalsAndLosesNothing(
      TestWorkflowEnvironment env, WorkflowClient client, Worker worker)
      throws InterruptedException {
    CampaignSpec spec = spec(Instant.ofEpochMilli(env.currentTimeMillis()));
    CampaignWorkflow wf =
        client.newWorkflowStub(
            CampaignWorkflow.class,
            WorkflowOptions.newBuilder()
                .setTaskQueue(worker.getTaskQueue())
                .setWorkflowId(TemporalNames.workflowId(ID))
                .build());
    WorkflowClient.start(
        wf::run, new CampaignInput(spec, "hash", CampaignSettings.defaults(), "test", null));

    Map<String, Integer> runLengths = new LinkedHashMap<>();
    List<String> acted = new ArrayList<>();
    List<String> midWave = new ArrayList<>();
    StatusDocument previous = null;
    long used = 0;
    long eventsAtDay25 = -1;
    long eventsAtDay31 = -1;
    Instant begin = ShanghaiTime.parse(spec.stock().availableBeginTime()).orElseThrow();
    for (int step = 0; step < 40 * 12; step++) {
      env.sleep(Duration.ofHours(2));
      String workflowId = TemporalNames.workflowId(ID);
      String run = client.newUntypedWorkflowStub(workflowId).describe().getExecution().getRunId();
      List<HistoryEvent> current = client.fetchHistory(workflowId, run).getEvents();
      boolean newRun = !runLengths.containsKey(run);
      if (newRun && !runLengths.isEmpty()) {
        // The run before has ended: its full length.
        String previousRun =
            current
                .get(0)
                .getWorkflowExecutionStartedEventAttributes()
                .getContinuedExecutionRunId();
        runLengths.put(
            previousRun, client.fetchHistory(workflowId, previousRun).getEvents().size());
      }
      runLengths.put(run, current.size());
      StatusDocument status = wf.status();
      if (status.status().isTerminal()) {
        assertContinuous(previous, status);
        previous = status;
        break;
      }
      // Right after a boundary, and when the run nears max_run_events (the next one is close).
      if (newRun && runLengths.size() > 1 || current.size() > 2_850) {
        used += 7;
        acted.add(actAroundBoundary(wf, status, used, env));
      }
      // Twice, a wave is moved to start now and the boundary made to fall while it issues.
      if (midWave.size() < 2
          && current.size() > 2_600
          && status.status() == CampaignPhase.RUNNING) {
        used = boundaryMidWave(client, wf, status, run, used, env, midWave);
      }
      Duration since = Duration.between(begin, Instant.ofEpochMilli(env.currentTimeMillis()));
      long total = runLengths.values().stream().mapToLong(Integer::longValue).sum();
      if (eventsAtDay25 < 0 && since.toDays() >= 25) {
        eventsAtDay25 = total;
      }
      if (eventsAtDay31 < 0 && since.toDays() >= 31) {
        eventsAtDay31 = total;
      }
      StatusDocument now = wf.status();
      assertContinuous(previous, now);
      previous = now;
    }

    StatusDocument done = previous;
    System.out.printf(
        "runs %d, events per run %s, idle events per day %.0f, acted %s, mid-wave %s%n",
        runLengths.size(),
        runLengths.values(),
        (eventsAtDay31 - eventsAtDay25) / 6.0,
        acted,
        midWave);
    assertThat(done.status()).isEqualTo(CampaignPhase.COMPLETED);
    assertThat(runLengths).hasSizeGreaterThanOrEqualTo(4);
    assertThat(runLengths.values()).allMatch(n -> n <= RUN_EVENTS_BOUND);
    assertThat(acted.stream().filter(a -> a.contains("pause+resume")).count())
        .isGreaterThanOrEqualTo(3);
    assertThat(acted.stream().filter(a -> a.contains("reschedule")).count())
        .isGreaterThanOrEqualTo(1);
    assertThat(midWave).as("boundaries that fell while a wave issued").hasSize(2);
    // Every recipient exactly once, across every run.
    assertThat(done.issued().count()).isEqualTo((long) WAVES * RECIPIENTS_PER_WAVE);
    assertThat(fake.ledger.keySet().stream().filter(k -> k.startsWith(ID + "/")).count())
        .isEqualTo((long) WAVES * RECIPIENTS_PER_WAVE);
    assertThat(done.waves()).extracting(StatusDocument.Wave::status).containsOnly(WavePhase.DONE);
    assertThat(done.used().count()).isEqualTo(used);
    assertThat(done.history())
        .extracting(StatusDocument.HistoryEntry::event)
        .contains("THRESHOLD_REACHED", "RESUMED", "WAVE_RESCHEDULED", "RECONCILED", "COMPLETED");
    // An idle running campaign: stock checks only.
    assertThat((eventsAtDay31 - eventsAtDay25) / 6.0).isBetween(100.0, 1_200.0);
  }

  /** A redemption report, a pause and a resume, and a reschedule of the next pending wave. */
  private static String actAroundBoundary(
      CampaignWorkflow wf, StatusDocument status, long used, TestWorkflowEnvironment env) {
    StringBuilder did = new StringBuilder("usage");
    wf.usage(new UsageReport(used, used * 500));
    if (status.status() == CampaignPhase.RUNNING) {
      assertThat(wf.pauseCampaign(new PauseRequest("boundary check", "ops")).status())
          .isEqualTo(CampaignPhase.PAUSED);
      assertThat(wf.resumeCampaign(new ResumeRequest("ops")).status())
          .isEqualTo(CampaignPhase.RUNNING);
      did.append("+pause+resume");
    }
    Instant soon = Instant.ofEpochMilli(env.currentTimeMillis()).plus(Duration.ofHours(6));
    for (StatusDocument.Wave w : status.waves()) {
      Instant start = ShanghaiTime.parse(w.startAt()).orElseThrow();
      if (w.status() == WavePhase.PENDING && start.isAfter(soon)) {
        wf.rescheduleWave(
            new RescheduleRequest(
                w.name(), ShanghaiTime.rfc3339(start.plus(Duration.ofHours(1))), "ops"));
        did.append("+reschedule ").append(w.name());
        break;
      }
    }
    return did.toString();
  }

  /**
   * Moves the next pending wave to start in ten minutes, slows the sends so that it issues for some
   * seconds, and sends redemption reports while it runs until the run continues as new: the
   * boundary falls in the middle of the wave, which the next run finishes.
   */
  private static long boundaryMidWave(
      WorkflowClient client,
      CampaignWorkflow wf,
      StatusDocument status,
      String run,
      long used,
      TestWorkflowEnvironment env,
      List<String> midWave)
      throws InterruptedException {
    StatusDocument.Wave pending =
        status.waves().stream()
            .filter(w -> w.status() == WavePhase.PENDING)
            .findFirst()
            .orElse(null);
    if (pending == null) {
      return used;
    }
    Instant start = Instant.ofEpochMilli(env.currentTimeMillis()).plus(Duration.ofMinutes(10));
    wf.rescheduleWave(new RescheduleRequest(pending.name(), ShanghaiTime.rfc3339(start), "ops"));
    fake.sendMillis = 1;
    try {
      env.sleep(Duration.ofMinutes(10).plusSeconds(2));
      String workflowId = TemporalNames.workflowId(ID);
      // Redemption reports until the run passes max_run_events, then nothing: the run winds down.
      while (client.fetchHistory(workflowId, run).getEvents().size() < 3_000) {
        used++;
        wf.usage(new UsageReport(used, used * 500));
      }
      for (int i = 0; i < 600; i++) {
        String now = client.newUntypedWorkflowStub(workflowId).describe().getExecution().getRunId();
        if (!now.equals(run)) {
          StatusDocument.Wave wave =
              wf.status().waves().stream()
                  .filter(w -> w.name().equals(pending.name()))
                  .findFirst()
                  .orElseThrow();
          if (wave.issued() < wave.recipients()) {
            midWave.add(pending.name() + " at " + wave.issued() + "/" + wave.recipients());
          }
          return used;
        }
        Thread.sleep(100);
      }
      return used;
    } finally {
      fake.sendMillis = 0;
    }
  }

  /** Nothing goes backwards from one look to the next, across runs. */
  private static void assertContinuous(StatusDocument before, StatusDocument after) {
    if (before == null) {
      return;
    }
    assertThat(after.issued().count()).isGreaterThanOrEqualTo(before.issued().count());
    assertThat(after.used().count()).isGreaterThanOrEqualTo(before.used().count());
    assertThat(after.stockId()).isEqualTo(before.stockId());
    if (!before.history().isEmpty()) {
      assertThat(after.history()).contains(before.history().get(before.history().size() - 1));
    }
    for (int i = 0; i < before.waves().size(); i++) {
      if (before.waves().get(i).status() == WavePhase.DONE) {
        assertThat(after.waves().get(i).status()).isEqualTo(WavePhase.DONE);
        assertThat(after.waves().get(i).issued()).isEqualTo(before.waves().get(i).issued());
      }
    }
  }
}
