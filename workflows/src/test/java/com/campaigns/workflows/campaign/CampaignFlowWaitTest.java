package com.campaigns.workflows.campaign;

import static org.assertj.core.api.Assertions.assertThat;

import com.campaigns.workflows.TemporalNames;
import com.campaigns.workflows.fixtures.CampaignSpecs;
import com.campaigns.workflows.fixtures.CampaignTestServer;
import com.campaigns.workflows.fixtures.FakeCampaignActivities;
import com.campaigns.workflows.fixtures.FakeCampaignActivities.FlowAnswer;
import com.campaigns.workflows.fixtures.RecordedHistories;
import com.campaigns.workflows.model.AudienceSpec;
import com.campaigns.workflows.model.BudgetGuardSpec;
import com.campaigns.workflows.model.CampaignInput;
import com.campaigns.workflows.model.CampaignPhase;
import com.campaigns.workflows.model.CampaignSettings;
import com.campaigns.workflows.model.CampaignSpec;
import com.campaigns.workflows.model.FlowSpec;
import com.campaigns.workflows.model.FlowsState;
import com.campaigns.workflows.model.ReconcileRequest;
import com.campaigns.workflows.model.StatusDocument;
import com.campaigns.workflows.model.UsageReport;
import com.campaigns.workflows.rules.ShanghaiTime;
import io.temporal.api.history.v1.HistoryEvent;
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
 * The flow stage's visible wait: WeChat Pay's not-ready answers (INVALID_REQUEST, a 404 while
 * redemptions are known, transient errors) are waited out on the workflow's own timers, growing
 * apart, with the wait in the status document; a 404 with no redemption known is "no rows"; after
 * the deadline the campaign completes with its report marked flows_unavailable.
 */
@org.junit.jupiter.api.Timeout(120)
class CampaignFlowWaitTest {

  static final FakeCampaignActivities fake = new FakeCampaignActivities();

  @RegisterExtension static final TestWorkflowExtension temporal = CampaignTestServer.with(fake);

  /** The production flow wait: 5 min doubling to 1 h, 3 days past the expected publication. */
  static CampaignSettings settings() {
    return CampaignSettings.defaults();
  }

  /** One wave of 50 recipients; the stock runs 2 hours from 1 hour from now. */
  static CampaignSpec spec(TestWorkflowEnvironment env, String id) {
    Instant begin = Instant.ofEpochMilli(env.currentTimeMillis()).plus(Duration.ofHours(1));
    fake.audience(id + "-all", CampaignSpecs.openids(id + "-all-", 50));
    return new CampaignSpec(
        id,
        "1900000001",
        "wx0000000000000001",
        CampaignSpecs.stock(begin, begin.plus(Duration.ofHours(2)), 500, 100),
        List.of(CampaignSpecs.wave("all", begin, AudienceSpec.ofId(id + "-all"), null)),
        new BudgetGuardSpec(List.of()),
        new FlowSpec(true, null));
  }

  /** 10:00 Asia/Shanghai the day after the stock ends: WeChat Pay's publication. */
  static Instant expected(CampaignSpec spec) {
    return ShanghaiTime.flowsPublishedAt(
        ShanghaiTime.parse(spec.stock().availableEndTime()).orElseThrow());
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

  static List<String> events(StatusDocument doc) {
    return doc.history().stream().map(StatusDocument.HistoryEntry::event).toList();
  }

  /** When the workflow asked for a flow file, one entry per try (attempts of a try collapsed). */
  static List<Instant> tries(String campaignId, String kind) {
    return fake.flowAttempts.getOrDefault(campaignId + "/" + kind, List.of()).stream()
        .distinct()
        .map(Instant::ofEpochMilli)
        .toList();
  }

  @Test
  void filesReadyAfterAFewNotReadyAnswersCompleteBalanced(
      TestWorkflowEnvironment env, WorkflowClient client, Worker worker) {
    CampaignSpec spec = spec(env, "late");
    // Two INVALID_REQUEST (worded unlike the sandbox), then a try whose 3 attempts meet 500s.
    fake.flowAnswers(
        "late",
        "use",
        FlowAnswer.INVALID_REQUEST,
        FlowAnswer.INVALID_REQUEST,
        FlowAnswer.SYSTEM_ERROR,
        FlowAnswer.SYSTEM_ERROR,
        FlowAnswer.SYSTEM_ERROR);
    start(client, worker, spec);
    StatusDocument done = result(client, "late");

    assertThat(done.status()).isEqualTo(CampaignPhase.COMPLETED);
    assertThat(done.reconciliation().balanced()).isTrue();
    assertThat(done.reconciliation().flowsUnavailable()).isNull();
    assertThat(done.flows().state()).isEqualTo(FlowsState.DOWNLOADED);
    assertThat(done.flows().tries()).isEqualTo(3);
    assertThat(done.flows().lastAnswer()).contains("SYSTEM_ERROR");
    assertThat(events(done))
        .containsSubsequence(
            "ENDED", "FLOWS_WAITING", "USE_FLOW_DOWNLOADED", "REFUND_FLOW_DOWNLOADED", "COMPLETED")
        .doesNotContain("FLOWS_UNAVAILABLE");
    // Tries at the expected time, then 5 and 10 minutes later (the 500s' own attempts aside),
    // then 20 minutes after the third.
    List<Instant> tries = tries("late", "use");
    Instant expected = expected(spec);
    assertThat(tries).hasSize(4);
    assertThat(tries.get(0)).isBetween(expected, expected.plusSeconds(5));
    assertThat(Duration.between(tries.get(0), tries.get(1)))
        .isBetween(Duration.ofMinutes(5), Duration.ofMinutes(5).plusSeconds(1));
    assertThat(Duration.between(tries.get(1), tries.get(2)))
        .isBetween(Duration.ofMinutes(10), Duration.ofMinutes(10).plusSeconds(1));
    assertThat(Duration.between(tries.get(2), tries.get(3)))
        .isBetween(Duration.ofMinutes(20), Duration.ofMinutes(21));
    RecordedHistories.keep(client, "late", "flows-not-ready-then-published.json");
  }

  @Test
  void notFoundWithNoRedemptionKnownIsZeroRows(
      TestWorkflowEnvironment env, WorkflowClient client, Worker worker) {
    CampaignSpec spec = spec(env, "nouse");
    fake.flowAnswers("nouse", "use", FlowAnswer.NOT_FOUND);
    fake.flowAnswers("nouse", "refund", FlowAnswer.NOT_FOUND);
    start(client, worker, spec);
    StatusDocument done = result(client, "nouse");

    assertThat(done.status()).isEqualTo(CampaignPhase.COMPLETED);
    assertThat(done.reconciliation().balanced()).isTrue();
    assertThat(done.flows().state()).isEqualTo(FlowsState.DOWNLOADED);
    assertThat(done.flows().tries()).isZero();
    assertThat(done.flows().waitingSince()).isNull();
    assertThat(events(done)).doesNotContain("FLOWS_WAITING");
    assertThat(done.history())
        .filteredOn(h -> h.event().equals("USE_FLOW_DOWNLOADED"))
        .extracting(StatusDocument.HistoryEntry::detail)
        .containsExactly("0 rows, 0 fen, sha1 null");
    assertThat(tries("nouse", "use")).hasSize(1);
  }

  @Test
  void notFoundWhileRedemptionsAreKnownWaitsUntilTheFilesAppear(
      TestWorkflowEnvironment env, WorkflowClient client, Worker worker) {
    CampaignSpec spec = spec(env, "used");
    fake.flowAnswers(
        "used",
        "use",
        FlowAnswer.NOT_FOUND,
        FlowAnswer.NOT_FOUND,
        FlowAnswer.NOT_FOUND,
        FlowAnswer.NOT_FOUND);
    CampaignWorkflow wf = start(client, worker, spec);
    env.sleep(Duration.ofHours(2));
    // Three COUPON.USE notifications reached the API, which signals the workflow.
    wf.usage(new UsageReport(3, 1_500));
    StatusDocument done = result(client, "used");

    assertThat(done.status()).isEqualTo(CampaignPhase.COMPLETED);
    assertThat(done.reconciliation().balanced()).isTrue();
    assertThat(done.flows().tries()).isEqualTo(4);
    assertThat(done.flows().lastAnswer()).contains("404", "3 redemptions");
    assertThat(events(done))
        .containsSubsequence("FLOWS_WAITING", "USE_FLOW_DOWNLOADED", "RECONCILED", "COMPLETED");
    assertThat(tries("used", "use")).hasSize(5);
  }

  @Test
  void filesNeverPublishedCompleteAfterTheDeadlineMarkedUnavailable(
      TestWorkflowEnvironment env, WorkflowClient client, Worker worker) {
    CampaignSpec spec = spec(env, "never");
    fake.flowsNeverPublished.add("never");
    start(client, worker, spec);
    StatusDocument done = result(client, "never");

    assertThat(done.status()).isEqualTo(CampaignPhase.COMPLETED);
    assertThat(done.reconciliation().balanced()).isFalse();
    assertThat(done.reconciliation().flowsUnavailable()).isTrue();
    assertThat(done.flows().state()).isEqualTo(FlowsState.UNAVAILABLE);
    assertThat(done.flows().nextTryAt()).isNull();
    assertThat(done.flows().reason())
        .contains("use and refund flows", "did not appear by the deadline", "INVALID_REQUEST");
    assertThat(events(done))
        .containsSubsequence("FLOWS_WAITING", "FLOWS_UNAVAILABLE", "RECONCILED", "COMPLETED")
        .doesNotContain("USE_FLOW_DOWNLOADED");
    ReconcileRequest reconcile =
        fake.reconcileRequests.stream()
            .filter(r -> r.campaignId().equals("never"))
            .findFirst()
            .orElseThrow();
    assertThat(reconcile.flowsUnavailable()).isEqualTo(done.flows().reason());

    // The last try is at the deadline, 3 days past the expected publication; the waits grow to
    // one hour and no further, so 3 days cost about 75 tries, not thousands.
    Instant expected = expected(spec);
    List<Instant> tries = tries("never", "use");
    assertThat(tries.get(0)).isBetween(expected, expected.plusSeconds(5));
    assertThat(tries.get(tries.size() - 1))
        .isBetween(
            expected.plus(Duration.ofDays(3)), expected.plus(Duration.ofDays(3)).plusSeconds(5));
    for (int i = 1; i < tries.size(); i++) {
      Duration gap = Duration.between(tries.get(i - 1), tries.get(i));
      assertThat(gap).isLessThanOrEqualTo(Duration.ofHours(1).plusSeconds(5));
      if (i > 1) {
        boolean last = i == tries.size() - 1;
        if (!last) {
          assertThat(gap)
              .as("waits never shrink, except the last one, cut at the deadline")
              .isGreaterThanOrEqualTo(
                  Duration.between(tries.get(i - 2), tries.get(i - 1)).minusSeconds(5));
        }
      }
    }
    assertThat(tries).hasSizeBetween(70, 80);
    List<HistoryEvent> history = client.fetchHistory(TemporalNames.workflowId("never")).getEvents();
    assertThat(history.size()).isLessThan(settings().maxRunEvents());
    RecordedHistories.keep(client, "never", "flows-unavailable-after-deadline.json");
  }

  @Test
  void theStatusSaysSinceWhenItWaitsAndWhenItTriesAgain(
      TestWorkflowEnvironment env, WorkflowClient client, Worker worker) {
    CampaignSpec spec = spec(env, "shows");
    fake.flowAnswers("shows", "use", FlowAnswer.INVALID_REQUEST, FlowAnswer.INVALID_REQUEST);
    CampaignWorkflow wf = start(client, worker, spec);
    Instant expected = expected(spec);
    Instant now = Instant.ofEpochMilli(env.currentTimeMillis());
    env.sleep(Duration.between(now, expected).minusHours(1));

    StatusDocument ended = wf.status();
    assertThat(ended.status()).isEqualTo(CampaignPhase.ENDED);
    assertThat(ended.flows().state()).isEqualTo(FlowsState.EXPECTED);
    assertThat(ended.flows().expectedAt()).isEqualTo(ShanghaiTime.rfc3339(expected));
    assertThat(ended.flows().deadline())
        .isEqualTo(ShanghaiTime.rfc3339(expected.plus(Duration.ofDays(3))));

    env.sleep(Duration.ofHours(1).plusMinutes(1));
    StatusDocument waiting = wf.status();
    assertThat(waiting.status()).isEqualTo(CampaignPhase.DOWNLOADING_FLOWS);
    assertThat(waiting.flows().state()).isEqualTo(FlowsState.WAITING);
    assertThat(waiting.flows().waitingSince()).isEqualTo(ShanghaiTime.rfc3339(expected));
    assertThat(waiting.flows().nextTryAt())
        .isEqualTo(ShanghaiTime.rfc3339(expected.plus(Duration.ofMinutes(5))));
    assertThat(waiting.flows().tries()).isEqualTo(1);
    assertThat(waiting.flows().lastAnswer()).contains("INVALID_REQUEST");

    env.sleep(Duration.ofMinutes(5));
    StatusDocument again = wf.status();
    assertThat(again.flows().waitingSince()).isEqualTo(ShanghaiTime.rfc3339(expected));
    assertThat(again.flows().nextTryAt())
        .isEqualTo(ShanghaiTime.rfc3339(expected.plus(Duration.ofMinutes(15))));
    assertThat(again.flows().tries()).isEqualTo(2);

    StatusDocument done = result(client, "shows");
    assertThat(done.status()).isEqualTo(CampaignPhase.COMPLETED);
    assertThat(done.flows().state()).isEqualTo(FlowsState.DOWNLOADED);
    assertThat(done.flows().nextTryAt()).isNull();
    assertThat(done.flows().waitingSince()).isEqualTo(ShanghaiTime.rfc3339(expected));
  }
}
