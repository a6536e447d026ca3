package com.campaigns.bench.measure;

import com.google.protobuf.ByteString;
import io.temporal.api.workflow.v1.WorkflowExecutionInfo;
import io.temporal.api.workflowservice.v1.GetWorkflowExecutionHistoryRequest;
import io.temporal.api.workflowservice.v1.GetWorkflowExecutionHistoryResponse;
import io.temporal.api.workflowservice.v1.ListWorkflowExecutionsRequest;
import io.temporal.api.workflowservice.v1.ListWorkflowExecutionsResponse;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;

/**
 * Counts the history events of a campaign: every run of {@code campaign-<id>} (continue-as-new runs
 * share the workflow id) and the runs of any workflow it started as a child (parent id). The events
 * are read, not estimated: GetWorkflowExecutionHistory, page by page.
 */
public final class HistoryCounter implements AutoCloseable {

  /** Runs and events found. */
  public record Count(int runs, long events) {}

  private final WorkflowServiceStubs stubs;

  public HistoryCounter(String target) {
    this.stubs =
        WorkflowServiceStubs.newServiceStubs(
            WorkflowServiceStubsOptions.newBuilder().setTarget(target).build());
  }

  public Count count(String workflowId) {
    Count own = countRuns("WorkflowId = '" + workflowId + "'");
    Count children = countRuns("ParentWorkflowId = '" + workflowId + "'");
    return new Count(own.runs() + children.runs(), own.events() + children.events());
  }

  private Count countRuns(String query) {
    int runs = 0;
    long events = 0;
    ByteString page = ByteString.EMPTY;
    do {
      ListWorkflowExecutionsResponse list =
          stubs
              .blockingStub()
              .listWorkflowExecutions(
                  ListWorkflowExecutionsRequest.newBuilder()
                      .setNamespace("default")
                      .setQuery(query)
                      .setPageSize(100)
                      .setNextPageToken(page)
                      .build());
      for (WorkflowExecutionInfo run : list.getExecutionsList()) {
        runs++;
        events += events(run);
      }
      page = list.getNextPageToken();
    } while (!page.isEmpty());
    return new Count(runs, events);
  }

  private long events(WorkflowExecutionInfo run) {
    long events = 0;
    ByteString page = ByteString.EMPTY;
    do {
      GetWorkflowExecutionHistoryResponse history =
          stubs
              .blockingStub()
              .getWorkflowExecutionHistory(
                  GetWorkflowExecutionHistoryRequest.newBuilder()
                      .setNamespace("default")
                      .setExecution(run.getExecution())
                      .setMaximumPageSize(1000)
                      .setNextPageToken(page)
                      .build());
      events += history.getHistory().getEventsCount();
      page = history.getNextPageToken();
    } while (!page.isEmpty());
    return events;
  }

  @Override
  public void close() {
    stubs.shutdownNow();
  }
}
