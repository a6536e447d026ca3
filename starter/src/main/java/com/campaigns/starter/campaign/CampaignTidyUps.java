package com.campaigns.starter.campaign;

import com.campaigns.ledger.CampaignIndex;
import com.campaigns.starter.security.Operator;
import com.campaigns.starter.system.RequestRejected;
import com.campaigns.workflows.TemporalNames;
import com.campaigns.workflows.campaign.CampaignTidyUpWorkflow;
import com.campaigns.workflows.model.StatusDocument;
import com.campaigns.workflows.model.StockTransition;
import com.campaigns.workflows.model.TidyUpRequest;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.api.enums.v1.WorkflowIdConflictPolicy;
import io.temporal.api.enums.v1.WorkflowIdReusePolicy;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionDescription;
import io.temporal.client.WorkflowNotFoundException;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import java.time.Duration;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

/**
 * The tidy-up after a run closed without its own cleanup (terminated, timed out, failed): a {@code
 * CampaignTidyUp} workflow on the workers pauses the stock at WeChat Pay (the API is a Temporal
 * client only and never calls WeChat Pay), then the index is settled with the ledger's counts. A
 * running campaign is cancelled instead, which does the same cleanup itself.
 */
@Service
public record CampaignTidyUps(
    WorkflowClient client, TemporalCalls calls, ClosedCampaigns closed, KnownCampaigns known) {

  private static final Logger log = LoggerFactory.getLogger(CampaignTidyUps.class);
  private static final Duration POLL = Duration.ofMillis(200);

  /** Pauses the stock of a closed campaign; answers its status document afterwards. */
  public StatusDocument tidyUp(String campaignId, Operator operator) {
    CampaignIndex.Entry entry = known.entry(campaignId);
    StatusDocument.Closed run;
    try {
      run =
          closed
              .runs()
              .closed(closed.runs().describe(campaignId))
              .orElseThrow(
                  () ->
                      RequestRejected.conflict(
                          "campaign_running",
                          "campaign "
                              + campaignId
                              + " is still running; cancel it instead (POST /api/v1/campaigns/"
                              + campaignId
                              + "/cancel), which pauses its stock"));
    } catch (WorkflowNotFoundException e) {
      throw KnownCampaigns.unknown(campaignId);
    }
    if (!ClosedCampaigns.endedFromOutside(run) && !"FAILED".equals(run.executionStatus())) {
      throw RequestRejected.conflict(
          "nothing_to_tidy_up",
          "campaign "
              + campaignId
              + " closed "
              + run.executionStatus()
              + " through its own cleanup; there is nothing to tidy up");
    }
    StockTransition stock = pauseStock(entry, operator);
    log.info(
        "campaign {} ({}) tidied up by {}: stock {} is {}",
        campaignId,
        run.executionStatus(),
        operator.name(),
        stock.stockId(),
        stock.status());
    closed.settle(campaignId, run);
    return closed.status(campaignId, run);
  }

  /**
   * Polls the run's state rather than long-polling its result: a client waiting on a result lets
   * the time-skipping test server move its clock, and every other campaign's timers with it.
   */
  private WorkflowExecutionDescription awaitClosed(WorkflowStub run, Duration within)
      throws TimeoutException {
    long deadline = System.nanoTime() + within.toNanos();
    WorkflowExecutionDescription d;
    while ((d = calls.call(run::describe)).getStatus()
        == WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING) {
      if (System.nanoTime() > deadline) {
        throw new TimeoutException();
      }
      try {
        Thread.sleep(POLL.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new TimeoutException();
      }
    }
    return d;
  }

  private StockTransition pauseStock(CampaignIndex.Entry entry, Operator operator) {
    String campaignId = entry.campaignId();
    CampaignTidyUpWorkflow wf =
        client.newWorkflowStub(
            CampaignTidyUpWorkflow.class,
            WorkflowOptions.newBuilder()
                .setWorkflowId(TemporalNames.tidyUpWorkflowId(campaignId))
                .setTaskQueue(TemporalNames.TASK_QUEUE)
                .setWorkflowExecutionTimeout(Duration.ofMinutes(10))
                // Again after a finished tidy-up (idempotent); join one still running.
                .setWorkflowIdReusePolicy(
                    WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_ALLOW_DUPLICATE)
                .setWorkflowIdConflictPolicy(
                    WorkflowIdConflictPolicy.WORKFLOW_ID_CONFLICT_POLICY_USE_EXISTING)
                .build());
    TidyUpRequest request =
        new TidyUpRequest(campaignId, entry.mchid(), entry.stockId(), operator.name());
    calls.call(() -> WorkflowClient.start(wf::tidyUp, request));
    WorkflowStub run = WorkflowStub.fromTyped(wf);
    WorkflowExecutionDescription done;
    try {
      done = awaitClosed(run, calls.timeout());
    } catch (TimeoutException e) {
      throw new RequestRejected(
          HttpStatus.GATEWAY_TIMEOUT,
          "tidy_up_timeout",
          "the tidy-up of campaign "
              + campaignId
              + " did not finish within "
              + calls.timeout().toSeconds()
              + "s (is a worker running?); workflow "
              + TemporalNames.tidyUpWorkflowId(campaignId)
              + " goes on, see GET /api/v1/campaigns/"
              + campaignId);
    }
    if (done.getStatus() != WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_COMPLETED) {
      StatusDocument.Closed failed = closed.runs().closed(done).orElseThrow();
      throw new RequestRejected(
          HttpStatus.BAD_GATEWAY,
          "tidy_up_failed",
          "workflow "
              + TemporalNames.tidyUpWorkflowId(campaignId)
              + " closed "
              + failed.executionStatus()
              + " without pausing stock "
              + entry.stockId()
              + ": "
              + failed.reason());
    }
    return closed
        .runs()
        .result(TemporalNames.tidyUpWorkflowId(campaignId), StockTransition.class)
        .orElse(new StockTransition(entry.stockId(), null, null));
  }
}
