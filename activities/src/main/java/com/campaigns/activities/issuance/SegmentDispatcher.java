package com.campaigns.activities.issuance;

import com.campaigns.ledger.IssuanceLedger;
import com.campaigns.workflows.model.IssueRequest;
import com.campaigns.workflows.model.IssueStop;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Dispatches one segment's sends in audience order, on the activity's thread: skips the recipients
 * with a final outcome, keeps at most {@code concurrency} sends in flight, starts each send at its
 * slot from the {@link SlotPacer}, holds the segment under its issue cap, and checkpoints
 * (heartbeat, cancel, shutdown) between sends. {@link #finish()} waits for the sends in flight and
 * records every answer.
 */
final class SegmentDispatcher {

  private static final Logger log = LoggerFactory.getLogger(SegmentDispatcher.class);

  /** One send, run on a sender thread: {@link CouponSender#send} in the activity. */
  interface Send {
    void send(long seq, String openid);
  }

  private final IssueRequest r;
  private final Executor senders;
  private final SlotPacer pacer;
  private final ProgressReporter progress;
  private final AnswerRecorder answers;
  private final SegmentStop stop;
  private final Send send;
  private final Semaphore inFlight;
  private final AtomicInteger pending = new AtomicInteger();

  SegmentDispatcher(
      IssueRequest r,
      int concurrency,
      Executor senders,
      SlotPacer pacer,
      ProgressReporter progress,
      AnswerRecorder answers,
      SegmentStop stop,
      Send send) {
    this.r = r;
    this.senders = senders;
    this.pacer = pacer;
    this.progress = progress;
    this.answers = answers;
    this.stop = stop;
    this.send = send;
    this.inFlight = new Semaphore(concurrency);
  }

  /**
   * Dispatches the sends to {@code openids} (positions {@code r.fromSeq()} on) that {@code finals}
   * does not hold yet. Returns when all are dispatched or the segment stops; throws when the run is
   * cancelled, timed out or its worker shuts down.
   */
  void dispatch(List<String> openids, Map<Long, String> finals, boolean firstAttempt) {
    long issuedBefore = finals.values().stream().filter(IssuanceLedger.ISSUED::equals).count();
    if (r.startStagger() > 0 && firstAttempt && finals.size() < openids.size()) {
      // Let the segments launched before this one get ahead (see IssueRequest#startStagger).
      long micros =
          (long) (r.startStagger() * (openids.size() - finals.size()) * 1_000_000 / pacer.rate());
      awaitMicros(System.currentTimeMillis() * 1000 + micros);
    }
    for (int i = 0; i < openids.size(); i++) {
      long seq = r.fromSeq() + i;
      if (finals.containsKey(seq)) {
        continue;
      }
      progress.checkpoint();
      if (stop.stopped()) {
        return;
      }
      if (r.issueCap() >= 0 && !awaitRoomUnderCap(issuedBefore)) {
        stop.stop(IssueStop.CAP_REACHED, null, "issue cap " + r.issueCap() + " reached");
        return;
      }
      // The permit first: a slot taken only once a send can go is a slot used on time.
      acquireSendPermit();
      try {
        awaitMicros(pacer.next());
      } catch (RuntimeException e) {
        inFlight.release();
        throw e;
      }
      if (stop.stopped()) {
        inFlight.release();
        return;
      }
      String openid = openids.get(i);
      pending.incrementAndGet();
      try {
        senders.execute(() -> runSend(seq, openid));
      } catch (RuntimeException rejected) {
        pending.decrementAndGet();
        inFlight.release();
        throw rejected;
      }
    }
  }

  /**
   * One send on a sender thread. A send that throws left its recipient without an outcome: that
   * stops the segment as a failure (the attempt is retried), or the recipient would be skipped.
   */
  private void runSend(long seq, String openid) {
    try {
      send.send(seq, openid);
    } catch (RuntimeException e) {
      log.warn(
          "send to recipient {} of {} ended without an answer: {}",
          seq,
          r.campaignId(),
          e.toString());
      stop.sendFailure(e);
    } catch (Error e) {
      stop.sendFailure(new IllegalStateException("send to recipient " + seq + " failed", e));
      throw e;
    } finally {
      inFlight.release();
      try {
        answers.flushIfDue();
      } finally {
        // Last: once nothing is pending, every answer is in the ledger or in the queue.
        pending.decrementAndGet();
      }
    }
  }

  /** Records every answer once the sends in flight are back, and gives unused send slots back. */
  void finish() {
    while (pending.get() > 0) {
      Waits.millis(5);
      progress.checkpointWhileFinishing();
    }
    answers.flush();
    try {
      pacer.close();
    } catch (RuntimeException e) {
      // Only costs the wave a few milliseconds of its rate.
      log.debug("could not give send slots back: {}", e.toString());
    }
  }

  /**
   * Waits until a send may start without the segment exceeding its cap; false when the cap is
   * reached.
   */
  private boolean awaitRoomUnderCap(long issuedBefore) {
    while (issuedBefore + progress.issuedCount() + pending.get() >= r.issueCap()) {
      if (issuedBefore + progress.issuedCount() >= r.issueCap()) {
        return false;
      }
      Waits.millis(5);
      progress.checkpoint();
    }
    return true;
  }

  /** Sleeps until an epoch-microsecond instant, heartbeating (and noticing a cancel) meanwhile. */
  private void awaitMicros(long until) {
    while (true) {
      long waitMicros = until - System.currentTimeMillis() * 1000;
      if (waitMicros <= 0) {
        return;
      }
      Waits.micros(Math.min(waitMicros, 200_000));
      progress.checkpoint();
    }
  }

  private void acquireSendPermit() {
    try {
      while (!inFlight.tryAcquire(200, TimeUnit.MILLISECONDS)) {
        progress.checkpoint();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }
}
