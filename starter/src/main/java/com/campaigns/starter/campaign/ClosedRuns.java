package com.campaigns.starter.campaign;

import com.campaigns.workflows.TemporalNames;
import com.campaigns.workflows.model.StatusDocument;
import com.campaigns.workflows.model.StockTransition;
import com.campaigns.workflows.rules.ShanghaiTime;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.enums.v1.HistoryEventFilterType;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.api.workflowservice.v1.GetWorkflowExecutionHistoryRequest;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionDescription;
import io.temporal.client.WorkflowNotFoundException;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * What Temporal says of a campaign's run: open or closed, and for a closed one its execution
 * status, close time and reason. Described by workflow id without run id, so the latest run of a
 * chain of continue-as-new (or of a reset) is the one read.
 */
@Component
record ClosedRuns(WorkflowClient client, TemporalCalls calls) {

  private static final Logger log = LoggerFactory.getLogger(ClosedRuns.class);

  /** The latest run of the campaign; {@link WorkflowNotFoundException} when there is none. */
  WorkflowExecutionDescription describe(String campaignId) {
    return calls.call(
        () -> client.newUntypedWorkflowStub(TemporalNames.workflowId(campaignId)).describe());
  }

  /** Empty while the run is open (running, or continued as new and so followed by another). */
  Optional<StatusDocument.Closed> closed(WorkflowExecutionDescription run) {
    WorkflowExecutionStatus status = run.getStatus();
    if (status == WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING
        || status == WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_CONTINUED_AS_NEW
        || status == WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_UNSPECIFIED) {
      return Optional.empty();
    }
    return Optional.of(
        new StatusDocument.Closed(
            name(status),
            run.getCloseTime() == null ? null : ShanghaiTime.rfc3339(run.getCloseTime()),
            reason(run),
            run.getExecution().getRunId(),
            "workflow"));
  }

  /** TERMINATED for WORKFLOW_EXECUTION_STATUS_TERMINATED. */
  static String name(WorkflowExecutionStatus status) {
    return status.name().replace("WORKFLOW_EXECUTION_STATUS_", "");
  }

  /**
   * The stock's state after the last completed tidy-up of the campaign, if one ran ({@code
   * CampaignTidyUp}); empty otherwise.
   */
  Optional<String> tidiedStockStatus(String campaignId) {
    return result(TemporalNames.tidyUpWorkflowId(campaignId), StockTransition.class)
        .map(StockTransition::status);
  }

  /**
   * The result of a workflow's latest run if it completed, read from its close event. Not {@code
   * getResult}: a client waiting on a result lets the time-skipping test server move its clock.
   */
  <T> Optional<T> result(String workflowId, Class<T> type) {
    try {
      WorkflowExecutionDescription run =
          calls.call(() -> client.newUntypedWorkflowStub(workflowId).describe());
      if (run.getStatus() != WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_COMPLETED) {
        return Optional.empty();
      }
      return closeEvent(run.getExecution())
          .filter(HistoryEvent::hasWorkflowExecutionCompletedEventAttributes)
          .map(e -> e.getWorkflowExecutionCompletedEventAttributes().getResult())
          .map(
              payloads ->
                  client
                      .getOptions()
                      .getDataConverter()
                      .fromPayloads(0, Optional.of(payloads), type, type));
    } catch (WorkflowNotFoundException e) {
      return Optional.empty();
    }
  }

  /**
   * The termination's reason or the failure's message, from the close event alone (one event is
   * read, not the history). Best effort: the status is answered without it.
   */
  private String reason(WorkflowExecutionDescription run) {
    try {
      return closeEvent(run.getExecution()).map(ClosedRuns::reason).orElse(null);
    } catch (RuntimeException e) {
      log.debug("no close event for {}: {}", run.getExecution().getWorkflowId(), e.toString());
      return null;
    }
  }

  private Optional<HistoryEvent> closeEvent(WorkflowExecution execution) {
    GetWorkflowExecutionHistoryRequest request =
        GetWorkflowExecutionHistoryRequest.newBuilder()
            .setNamespace(client.getOptions().getNamespace())
            .setExecution(execution)
            .setHistoryEventFilterType(HistoryEventFilterType.HISTORY_EVENT_FILTER_TYPE_CLOSE_EVENT)
            .build();
    var history =
        calls.call(
            () ->
                client
                    .getWorkflowServiceStubs()
                    .blockingStub()
                    .getWorkflowExecutionHistory(request));
    int n = history.getHistory().getEventsCount();
    return n == 0 ? Optional.empty() : Optional.of(history.getHistory().getEvents(n - 1));
  }

  private static String reason(HistoryEvent close) {
    if (close.hasWorkflowExecutionTerminatedEventAttributes()) {
      return blankToNull(close.getWorkflowExecutionTerminatedEventAttributes().getReason());
    }
    if (close.hasWorkflowExecutionFailedEventAttributes()) {
      return blankToNull(
          close.getWorkflowExecutionFailedEventAttributes().getFailure().getMessage());
    }
    if (close.hasWorkflowExecutionTimedOutEventAttributes()) {
      return "the run's execution or run timeout passed";
    }
    if (close.hasWorkflowExecutionCanceledEventAttributes()) {
      return "cancellation requested through Temporal";
    }
    return null;
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s;
  }
}
