package com.campaigns.workflows.campaign;

import static org.assertj.core.api.Assertions.assertThat;

import io.temporal.api.enums.v1.EventType;
import io.temporal.api.history.v1.HistoryEvent;
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
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Replays every recorded campaign history under {@code src/test/resources/histories/} (all
 * releases' folders, recursively) through the current workflow code: a change that is not
 * replay-compatible fails here, before it breaks running campaigns. A campaign that continued as
 * new is recorded run by run ({@code <kind>-run<N>.json}); each run replays on its own, and the
 * chain must be whole.
 *
 * <p>The top-level files are recorded by the activities module's campaign ITs ({@code
 * -Dcampaigns.recordHistories}); the release folders by the real-server suite ({@code ./campaigns
 * record-histories}), decrypted through the codec endpoint, so no codec is needed here.
 */
class CampaignWorkflowReplayTest {

  static final Path HISTORIES = Path.of("src/test/resources/histories");

  private static final Pattern RUN = Pattern.compile("(.+)-run(\\d+)\\.json");

  static Stream<Path> histories() throws IOException {
    try (Stream<Path> files = Files.walk(HISTORIES)) {
      List<Path> list =
          files
              .filter(p -> p.toString().endsWith(".json"))
              .map(HISTORIES::relativize)
              .sorted()
              .toList();
      assertThat(list).as("recorded histories in %s", HISTORIES).isNotEmpty();
      return list.stream();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("histories")
  void replaysDeterministically(Path file) throws Exception {
    WorkflowExecutionHistory history = read(HISTORIES.resolve(file));
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

  /**
   * Every recorded chain is whole: runs 1..N are there, and each run that continued as new is
   * followed by the run it started.
   */
  @Test
  void recordedChainsAreWhole() throws IOException {
    Map<String, TreeMap<Integer, Path>> chains = new TreeMap<>();
    for (Path file : histories().toList()) {
      Matcher m = RUN.matcher(file.toString());
      if (m.matches()) {
        chains
            .computeIfAbsent(m.group(1), k -> new TreeMap<>())
            .put(Integer.parseInt(m.group(2)), file);
      }
    }
    assertThat(chains).as("histories recorded run by run").isNotEmpty();
    for (var chain : chains.entrySet()) {
      TreeMap<Integer, Path> runs = chain.getValue();
      assertThat(runs.keySet())
          .as("runs of %s", chain.getKey())
          .containsExactlyElementsOf(
              java.util.stream.IntStream.rangeClosed(1, runs.size()).boxed().toList());
      for (int n = 1; n < runs.size(); n++) {
        List<HistoryEvent> run = read(HISTORIES.resolve(runs.get(n))).getEvents();
        HistoryEvent last = run.get(run.size() - 1);
        if (last.getEventType() == EventType.EVENT_TYPE_WORKFLOW_EXECUTION_CONTINUED_AS_NEW) {
          String runId =
              run.get(0).getWorkflowExecutionStartedEventAttributes().getOriginalExecutionRunId();
          HistoryEvent next = read(HISTORIES.resolve(runs.get(n + 1))).getEvents().get(0);
          assertThat(next.getWorkflowExecutionStartedEventAttributes().getContinuedExecutionRunId())
              .as("run %d of %s continues run %d", n + 1, chain.getKey(), n)
              .isEqualTo(runId);
        }
      }
    }
  }

  private static WorkflowExecutionHistory read(Path file) throws IOException {
    return WorkflowExecutionHistory.fromJson(Files.readString(file, StandardCharsets.UTF_8));
  }
}
