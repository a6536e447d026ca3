package com.campaigns.activities.issuance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.campaigns.workflows.model.IssueStop;
import io.temporal.activity.Activity;
import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityOptions;
import io.temporal.client.ActivityCompletionException;
import io.temporal.testing.TestActivityEnvironment;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Counts and heartbeats of a segment run, in the activity test environment. */
class ProgressReporterTest {

  /** An activity that reports progress as a segment run does. */
  @ActivityInterface
  public interface Reporting {
    String report(int issued);
  }

  private TestActivityEnvironment env;

  /** Heartbeats as Temporal received them. */
  private final List<String> heartbeats = new CopyOnWriteArrayList<>();

  /** Heartbeats as the reporter sent them (Temporal may throttle further). */
  private final List<String> sent = new CopyOnWriteArrayList<>();

  private ProgressReporter.Heartbeat heartbeat() {
    var context = Activity.getExecutionContext();
    return details -> {
      sent.add(details);
      context.heartbeat(details);
    };
  }

  @BeforeEach
  void start() {
    env = TestActivityEnvironment.newInstance();
    env.setActivityHeartbeatListener(String.class, heartbeats::add);
  }

  @AfterEach
  void stop() {
    env.close();
  }

  private Reporting stub() {
    return env.newActivityStub(
        Reporting.class,
        ActivityOptions.newBuilder()
            .setStartToCloseTimeout(Duration.ofMinutes(1))
            .setHeartbeatTimeout(Duration.ofSeconds(2))
            .build());
  }

  @Test
  void checkpointsHeartbeatTheCountsAtMostEveryHalfSecond() {
    env.registerActivitiesImplementations(
        (Reporting)
            issued -> {
              ProgressReporter progress = new ProgressReporter(heartbeat(), new SegmentStop());
              progress.checkpoint();
              for (int i = 0; i < issued; i++) {
                progress.issued();
                progress.checkpoint();
              }
              progress.rejected();
              Waits.millis(ProgressReporter.BEAT_INTERVAL_NANOS / 1_000_000 + 50);
              progress.checkpoint();
              progress.checkpoint();
              return progress.issuedCount() + "/" + progress.rejectedCount();
            });
    assertThat(stub().report(3)).isEqualTo("3/1");
    assertThat(sent).containsExactly("0 issued, 0 rejected", "3 issued, 1 rejected");
    assertThat(heartbeats).startsWith("0 issued, 0 rejected");
  }

  @Test
  void aCancelledRunLearnsItFromTheNextHeartbeat() {
    env.registerActivitiesImplementations(
        (Reporting)
            issued -> {
              ProgressReporter progress = new ProgressReporter(heartbeat(), new SegmentStop());
              progress.checkpoint();
              env.requestCancelActivity();
              long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
              while (System.nanoTime() < deadline) {
                Waits.millis(100);
                try {
                  progress.checkpoint();
                } catch (ActivityCompletionException e) {
                  // While finishing, a cancel no longer stops the run.
                  Waits.millis(ProgressReporter.BEAT_INTERVAL_NANOS / 1_000_000 + 50);
                  progress.checkpointWhileFinishing();
                  return "cancelled after " + (sent.size() - 1) + " more heartbeats";
                }
              }
              return "not cancelled";
            });
    assertThat(stub().report(0)).startsWith("cancelled after ");
    assertThat(sent.get(sent.size() - 1)).isEqualTo("0 issued, 0 rejected (finishing)");
  }

  @Test
  void anInterruptedThreadStopsTheRunAsAWorkerShutdown() {
    SegmentStop stop = new SegmentStop();
    ProgressReporter progress = new ProgressReporter(heartbeats::add, stop);
    Thread.currentThread().interrupt();
    try {
      assertThatThrownBy(progress::checkpoint)
          .isInstanceOf(IllegalStateException.class)
          .hasMessage("worker shutting down");
    } finally {
      Thread.interrupted();
    }
    assertThat(stop.reason())
        .isEqualTo(
            new SegmentStop.Reason(
                IssueStop.STOCK_LEVEL, "WORKER_SHUTDOWN", "worker shutting down"));
    assertThat(heartbeats).isEmpty();
  }
}
