package com.campaigns.workflows.campaign;

import static org.assertj.core.api.Assertions.assertThat;

import io.temporal.common.WorkflowExecutionHistory;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.WorkflowReplayer;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerOptions;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Replays recorded campaign histories (real activities against the sandbox, recorded by the
 * activities module's campaign ITs with -Dcampaigns.recordHistories) through the current workflow
 * code: a change that is not replay-compatible fails here, before it breaks running campaigns.
 */
class CampaignWorkflowReplayTest {

  static final Path HISTORIES = Path.of("src/test/resources/histories");

  static Stream<Path> histories() throws IOException {
    try (Stream<Path> files = Files.list(HISTORIES)) {
      List<Path> list = files.filter(p -> p.toString().endsWith(".json")).sorted().toList();
      assertThat(list).as("recorded histories in %s", HISTORIES).isNotEmpty();
      return list.stream();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("histories")
  void replaysDeterministically(Path file) throws Exception {
    WorkflowExecutionHistory history =
        WorkflowExecutionHistory.fromJson(Files.readString(file, StandardCharsets.UTF_8));
    try (TestWorkflowEnvironment env = TestWorkflowEnvironment.newInstance()) {
      // A starved CPU (a loaded CI machine) must not pass for a deadlock: replay checks determinism
      // only.
      Worker worker =
          env.newWorker(
              "replay",
              WorkerOptions.newBuilder()
                  .setDefaultDeadlockDetectionTimeout(Duration.ofSeconds(30).toMillis())
                  .build());
      worker.registerWorkflowImplementationTypes(CampaignWorkflowImpl.class);
      WorkflowReplayer.replayWorkflowExecution(history, worker);
    }
  }
}
