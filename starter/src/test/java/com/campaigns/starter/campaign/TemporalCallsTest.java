package com.campaigns.starter.campaign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.campaigns.workflows.TemporalNames;
import com.campaigns.workflows.campaign.CampaignWorkflow;
import com.campaigns.workflows.model.CampaignInput;
import com.campaigns.workflows.model.PauseRequest;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowServiceException;
import io.temporal.client.WorkflowUpdateTimeoutOrCancelledException;
import io.temporal.testing.TestWorkflowEnvironment;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** With no worker to answer, queries and updates give up at the deadline instead of hanging. */
class TemporalCallsTest {

  final TestWorkflowEnvironment env = TestWorkflowEnvironment.newInstance();
  final TemporalCalls calls =
      new TemporalCalls(new CampaignApiProperties(Duration.ofSeconds(1), false));

  @AfterEach
  void close() {
    calls.destroy();
    env.close();
  }

  private CampaignWorkflow startedWithoutWorker() {
    CampaignWorkflow wf =
        env.getWorkflowClient()
            .newWorkflowStub(
                CampaignWorkflow.class,
                WorkflowOptions.newBuilder()
                    .setTaskQueue(TemporalNames.TASK_QUEUE)
                    .setWorkflowId("no-worker")
                    .build());
    WorkflowClient.start(wf::run, new CampaignInput(null, null, null, null, null));
    return wf;
  }

  @Test
  void aQueryWithoutWorkerFailsAtTheDeadline() {
    CampaignWorkflow wf = startedWithoutWorker();
    long start = System.nanoTime();

    assertThatThrownBy(() -> calls.call(wf::status))
        .isInstanceOf(WorkflowServiceException.class)
        .cause()
        .isInstanceOfSatisfying(
            StatusRuntimeException.class,
            e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.DEADLINE_EXCEEDED));

    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
  }

  @Test
  void anUpdateWithoutWorkerTimesOutAtTheDeadline() {
    CampaignWorkflow wf = startedWithoutWorker();
    long start = System.nanoTime();

    assertThatThrownBy(() -> calls.call(() -> wf.pauseCampaign(new PauseRequest("r", "t"))))
        .isInstanceOf(WorkflowUpdateTimeoutOrCancelledException.class);

    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
  }
}
