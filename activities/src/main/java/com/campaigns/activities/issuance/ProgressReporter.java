package com.campaigns.activities.issuance;

import com.campaigns.workflows.model.IssueStop;
import io.temporal.client.ActivityCompletionException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Counts a segment's answers and heartbeats them to Temporal at most every half second. A heartbeat
 * is also how the run learns that it was cancelled or timed out: it throws {@link
 * ActivityCompletionException}. Checkpoints run on the dispatching thread only.
 */
final class ProgressReporter {

  static final long BEAT_INTERVAL_NANOS = 500_000_000L;

  /** Where heartbeats go: {@code ActivityExecutionContext::heartbeat} in the activity. */
  interface Heartbeat {
    void beat(String details);
  }

  private final Heartbeat heartbeat;
  private final SegmentStop stop;
  private final AtomicLong issued = new AtomicLong();
  private final AtomicLong rejected = new AtomicLong();
  private long lastBeat;

  ProgressReporter(Heartbeat heartbeat, SegmentStop stop) {
    this.heartbeat = heartbeat;
    this.stop = stop;
  }

  void issued() {
    issued.incrementAndGet();
  }

  void rejected() {
    rejected.incrementAndGet();
  }

  long issuedCount() {
    return issued.get();
  }

  long rejectedCount() {
    return rejected.get();
  }

  /**
   * Heartbeats when the interval has passed; throws when the run is cancelled (from the heartbeat)
   * or the worker is shutting down (the thread is interrupted): Temporal re-runs the segment.
   */
  void checkpoint() {
    if (Thread.currentThread().isInterrupted()) {
      stop.stop(IssueStop.STOCK_LEVEL, "WORKER_SHUTDOWN", "worker shutting down");
      throw new IllegalStateException("worker shutting down");
    }
    long now = System.nanoTime();
    if (now - lastBeat >= BEAT_INTERVAL_NANOS) {
      lastBeat = now;
      heartbeat.beat(issued.get() + " issued, " + rejected.get() + " rejected");
    }
  }

  /** Heartbeats while the sends in flight come back; a cancel no longer matters then. */
  void checkpointWhileFinishing() {
    if (System.nanoTime() - lastBeat >= BEAT_INTERVAL_NANOS) {
      lastBeat = System.nanoTime();
      try {
        heartbeat.beat(issued.get() + " issued, " + rejected.get() + " rejected (finishing)");
      } catch (ActivityCompletionException ignored) {
        // Already stopping: the answers in flight are recorded before the activity ends.
      }
    }
  }
}
